package io.github.b24sip.camel.status;

import io.github.b24sip.camel.ApiActivity;
import io.github.b24sip.camel.SharedResources;
import org.apache.camel.Component;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * An endpoint whose consumer is a {@link StatusPollConsumer}: statuses change seldom and every poll spends the API's
 * rate limit, so it polls every 30 s, and after a failed poll skips the next 4 (URI options override both).
 */
public abstract class StatusPollEndpoint extends ScheduledPollEndpoint {

    public static final long DEFAULT_POLL_DELAY = 30_000;
    public static final int DEFAULT_BACKOFF_MULTIPLIER = 4;

    // declared again only so the catalog shows these endpoints' defaults; ScheduledPollEndpoint's setters hold the
    // values
    @UriParam(
            label = "consumer,scheduler",
            defaultValue = "" + DEFAULT_POLL_DELAY,
            javaType = "java.time.Duration",
            description = "Milliseconds before the next poll of the status consumer.")
    private long delay = DEFAULT_POLL_DELAY;

    @UriParam(
            label = "consumer,scheduler",
            defaultValue = "1",
            description = "The failed polls in a row after which the status consumer skips backoffMultiplier polls.")
    private int backoffErrorThreshold = 1;

    @UriParam(
            label = "consumer,scheduler",
            defaultValue = "" + DEFAULT_BACKOFF_MULTIPLIER,
            description = "The polls the status consumer skips after backoffErrorThreshold failed polls in a row; 0 "
                    + "polls a failing source at the normal delay.")
    private int backoffMultiplier = DEFAULT_BACKOFF_MULTIPLIER;

    protected StatusPollEndpoint(String uri, Component component) {
        super(uri, component);
        setDelay(delay);
        setBackoffErrorThreshold(backoffErrorThreshold);
        setBackoffMultiplier(backoffMultiplier);
    }

    /** The consumer, configured from the URI, on the scheduler every status consumer of the context shares. */
    protected <C extends StatusPollConsumer<?, ?>> C scheduled(C consumer) throws Exception {
        configureConsumer(consumer);
        if (getScheduledExecutorService() == null) {
            // one scheduler for every status consumer of the context, not a thread per portal or account (a cron
            // scheduler, when one is configured, does not use it)
            consumer.setScheduledExecutorService(
                    SharedResources.of(getCamelContext()).statusScheduler());
        }
        return consumer;
    }

    /** The portal's or account's activity (last poll, last error), which its consumers and producers write. */
    public abstract ApiActivity activity();
}
