package io.github.b24sip.camel.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import javax.sql.DataSource;

/**
 * A real PostgreSQL for a test class, with the module's schema migrated as an application's Flyway would: a static
 * {@code @RegisterExtension} field, started before the class's tests and stopped after them.
 */
final class MigratedDatabase implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedPostgres pg;
    private DataSource dataSource;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        pg = EmbeddedPostgres.builder().start();
        dataSource = pg.getPostgresDatabase();
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/camel-bitrix24-sip")
                .table("b24sip_schema_history")
                .load()
                .migrate();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        pg.close();
    }

    DataSource dataSource() {
        return dataSource;
    }
}
