package io.github.b24sip.camel.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import javax.sql.DataSource;

/** A real PostgreSQL for a test class, with the module's schema migrated as an application's Flyway would. */
final class MigratedDatabase implements AutoCloseable {

    private final EmbeddedPostgres pg;
    private final DataSource dataSource;

    private MigratedDatabase(EmbeddedPostgres pg) {
        this.pg = pg;
        this.dataSource = pg.getPostgresDatabase();
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/camel-bitrix24-sip")
                .table("b24sip_schema_history")
                .load()
                .migrate();
    }

    static MigratedDatabase start() throws IOException {
        return new MigratedDatabase(EmbeddedPostgres.builder().start());
    }

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
