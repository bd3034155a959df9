package io.github.b24sip.app;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The CSV flow again, against the packaged application (the runnable jar in its own process). */
@QuarkusIntegrationTest
class CsvSyncIT extends CsvSyncTest {}
