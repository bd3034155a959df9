package io.github.b24sip.app.command;

import io.github.b24sip.app.AppConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** The JMS broker (ActiveMQ Artemis, or any broker speaking its core protocol) that the jms component uses. */
public class JmsConnectionFactoryProducer {

    @Produces
    @Singleton
    ConnectionFactory connectionFactory(AppConfig config) {
        // connects on first use only, so a disabled JMS flow never touches the network
        return new ActiveMQConnectionFactory(
                config.jms().url(),
                config.jms().user().orElse(null),
                config.jms().password().orElse(null));
    }
}
