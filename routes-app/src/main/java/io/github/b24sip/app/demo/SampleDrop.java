package io.github.b24sip.app.demo;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.portal.Portals;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.support.ScheduledPollConsumer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/**
 * In the demo, drops the sample CSV (routes-app/samples/lines.csv) into the inbox right after start. The copy's name carries
 * the time, so each run's copy is a new file to the inbox's processed-files record.
 */
@ApplicationScoped
public class SampleDrop {

    private static final Logger LOG = Logger.getLogger(SampleDrop.class);

    @Inject
    Portals portals;

    @Inject
    AppConfig config;

    @Inject
    CamelContext camel;

    /**
     * Dropped off the start's critical path: on a thread of its own once the inbox has been polled once, so the app is
     * ready (the first poll done) before the sample's lines are applied, not after.
     */
    void onStart(@Observes StartupEvent event) {
        if (!portals.isDemo()) {
            return;
        }
        Thread t = new Thread(
                () -> {
                    try {
                        awaitFirstInboxPoll();
                        drop();
                    } catch (IOException e) {
                        LOG.errorf("Demo: cannot drop the sample CSV: %s", e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "b24sip-demo-sample");
        t.setDaemon(true);
        t.start();
    }

    private void awaitFirstInboxPoll() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Route route = camel.getRoute("csv-sync");
            if (route != null
                    && route.getConsumer() instanceof ScheduledPollConsumer consumer
                    && consumer.isFirstPollDone()) {
                return;
            }
            // Camel offers no event for a consumer's first poll; a short wait, a few times at start
            Thread.sleep(20);
        }
    }

    private void drop() throws IOException {
        Path inbox = Path.of(config.csv().dir());
        Files.createDirectories(inbox);
        String name =
                "demo-lines-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".csv";
        Path staging = inbox.resolve("." + name);
        try (InputStream sample = SampleDrop.class.getResourceAsStream("/samples/lines.csv")) {
            if (sample == null) {
                throw new IOException("samples/lines.csv is not on the classpath");
            }
            Files.copy(sample, staging, StandardCopyOption.REPLACE_EXISTING);
        }
        // moved in whole, so the inbox never sees half a file
        Files.move(staging, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        LOG.infof("Demo: dropped the sample CSV into %s as %s", inbox.toAbsolutePath(), name);
    }
}
