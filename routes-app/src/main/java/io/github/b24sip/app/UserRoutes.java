package io.github.b24sip.app;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the YAML DSL routes of {@code b24sip.routes.dir} once the app's own routes run, so an integrator adds a flow
 * (status events to another system, say) by dropping a file, without rebuilding. A directory that is missing or a
 * file that does not load stops the start-up with the setting or the file named.
 */
@ApplicationScoped
public class UserRoutes {

    static final String SETTING = "b24sip.routes.dir";
    private static final Logger LOG = LoggerFactory.getLogger(UserRoutes.class);

    @Inject
    AppConfig config;

    @Inject
    CamelContext camel;

    void loadAtStartup(@Observes StartupEvent startup) {
        config.routes().dir().ifPresent(dir -> load(camel, Path.of(dir)));
    }

    /** Loads every {@code *.yaml} file of {@code dir}, in name order; returns the files loaded. */
    public static List<Path> load(CamelContext camel, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(SETTING + "=" + dir + " is not a directory");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(SETTING + "=" + dir + " cannot be listed: " + e.getMessage(), e);
        }
        for (Path file : files) {
            Resource resource = ResourceHelper.resolveResource(camel, "file:" + file.toAbsolutePath());
            try {
                PluginHelper.getRoutesLoader(camel).loadRoutes(resource);
            } catch (Exception e) {
                throw new IllegalStateException(
                        "The route file " + file + " (from " + SETTING + ") did not load: " + rootMessage(e), e);
            }
        }
        LOG.info(
                "Loaded {} route file(s) from {}: {}",
                files.size(),
                dir,
                files.stream().map(f -> f.getFileName().toString()).toList());
        return files;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
