package io.github.b24sip.app;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

import java.util.concurrent.atomic.AtomicBoolean;

/** Work that needs Camel's routes running: done once Camel has started, whichever comes first, this call or that. */
public final class CamelStarted {

    private CamelStarted() {}

    /** Runs {@code work} once: now if Camel has started, otherwise when it has. */
    public static void then(CamelContext camel, Runnable work) {
        AtomicBoolean done = new AtomicBoolean();
        Runnable once = () -> {
            if (done.compareAndSet(false, true)) {
                work.run();
            }
        };
        camel.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                once.run();
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStartedEvent;
            }
        });
        if (camel.getStatus() == ServiceStatus.Started) {
            once.run();
        }
    }
}
