package io.github.b24sip.app.shared;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

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

    private volatile DataSource dataSource;
    private final String instance = instanceName();

    public boolean enabled() {
        return ConfigProvider.getConfig()
                .getOptionalValue("quarkus.datasource.jdbc.url", String.class)
                .isPresent();
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
            dataSource = Arc.container().instance(DataSource.class).get();
        }
        return dataSource;
    }

    public Connection connection() throws SQLException {
        return dataSource().getConnection();
    }

    private static String instanceName() {
        Optional<String> configured = ConfigProvider.getConfig().getOptionalValue("b24sip.instance", String.class);
        if (configured.isPresent()) {
            return configured.get();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
