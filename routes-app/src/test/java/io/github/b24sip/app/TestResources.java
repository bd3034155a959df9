package io.github.b24sip.app;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * The real systems every test of the app runs against, started once for the whole test run: the simulator, Kafka,
 * Artemis and a webhook receiver. Declared here, unrestricted, so all tests share one application start.
 */
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(ArtemisResource.class)
@QuarkusTestResource(WebhookReceiverResource.class)
public final class TestResources {

    private TestResources() {}
}
