package io.github.b24sip.app.demo;

import io.github.b24sip.app.AppConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * The demo's JMS broker ({@code b24sip.demo=true} with {@code b24sip.demo-brokers=true}): an embedded ActiveMQ Artemis
 * without persistence, listening where {@code b24sip.jms.url} points, so a newcomer can send a command and read its
 * result without installing a broker. Started as soon as the bean container is up, before Camel connects to it.
 */
@ApplicationScoped
public class DemoBroker {

    private static final Logger LOG = Logger.getLogger(DemoBroker.class);
    private EmbeddedActiveMQ broker;

    void early(@Observes @Initialized(ApplicationScoped.class) Object event, Config config) {
        // the plain config, as in DemoSimulator: the @ConfigMapping interfaces are not registered this early
        boolean brokers =
                config.getOptionalValue("b24sip.demo-brokers", Boolean.class).orElse(false);
        if (!brokers) {
            return;
        }
        if (!config.getOptionalValue("b24sip.demo", Boolean.class).orElse(false)) {
            LOG.warn("b24sip.demo-brokers=true is ignored: it goes with b24sip.demo=true");
            return;
        }
        String url = config.getOptionalValue("b24sip.jms.url", String.class).orElse(AppConfig.Jms.DEFAULT_URL);
        broker = start(url);
        LOG.infof(
                "Demo: started an embedded JMS broker (ActiveMQ Artemis, nothing persisted) at %s; commands go to "
                        + "queue %s, results come back on %s",
                url,
                config.getOptionalValue("b24sip.jms.commands-queue", String.class)
                        .orElse(AppConfig.Jms.DEFAULT_COMMANDS_QUEUE),
                config.getOptionalValue("b24sip.jms.results-queue", String.class)
                        .orElse(AppConfig.Jms.DEFAULT_RESULTS_QUEUE));
    }

    /** A started broker without persistence or security, its acceptor at {@code url}; the caller stops it. */
    public static EmbeddedActiveMQ start(String url) {
        try {
            ConfigurationImpl config = new ConfigurationImpl();
            config.setPersistenceEnabled(false);
            config.setSecurityEnabled(false);
            config.addAcceptorConfiguration("tcp", url);
            EmbeddedActiveMQ started = new EmbeddedActiveMQ();
            started.setConfiguration(config);
            started.start();
            return started;
        } catch (Exception e) {
            throw new IllegalStateException("The embedded JMS broker did not start at " + url, e);
        }
    }

    @PreDestroy
    void stop() throws Exception {
        if (broker != null) {
            broker.stop();
        }
    }
}
