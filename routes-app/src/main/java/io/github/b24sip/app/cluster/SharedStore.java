package io.github.b24sip.app.cluster;

import io.github.b24sip.app.AppConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The store several instances of the app share: PostgreSQL through Quarkus's datasource. On when a JDBC URL is
 * configured ({@code quarkus.datasource.jdbc.url}); off otherwise, and then nothing here touches a database.
 */
@ApplicationScoped
public class SharedStore {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    Optional<String> jdbcUrl;

    @Inject
    AppConfig config;

    /** Looked up only when the store is on: without a JDBC URL the datasource is inactive. */
    @Inject
    Instance<DataSource> dataSources;

    private volatile DataSource dataSource;
    private String instance;

    @PostConstruct
    void init() {
        instance = config.instance().orElseGet(SharedStore::hostAndPid);
    }

    public boolean enabled() {
        return jdbcUrl.isPresent();
    }

    /** This instance's name: {@code b24sip.instance}, or host name and process id. */
    public String instance() {
        return instance;
    }

    public DataSource dataSource() {
        if (!enabled()) {
            throw new IllegalStateException("no shared store: quarkus.datasource.jdbc.url is not set");
        }
        if (dataSource == null) {
            dataSource = dataSources.get();
        }
        return dataSource;
    }

    public Connection connection() throws SQLException {
        return dataSource().getConnection();
    }

    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
