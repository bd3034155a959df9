package io.github.b24sip.app.demo;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.portal.Portals;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * In the demo, drops the sample CSV (routes-app/samples/lines.csv) into the inbox at start. The copy's name carries
 * the time, so each run's copy is a new file to the inbox's processed-files record.
 */
@ApplicationScoped
public class SampleDrop {

    private static final Logger LOG = Logger.getLogger(SampleDrop.class);

    @Inject
    Portals portals;

    @Inject
    AppConfig config;

    void onStart(@Observes StartupEvent event) throws IOException {
        if (!portals.isDemo()) {
            return;
        }
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
