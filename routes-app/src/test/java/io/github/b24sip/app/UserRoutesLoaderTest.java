package io.github.b24sip.app;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** How b24sip.routes.dir is read: every *.yaml file in name order, and a clear refusal naming the setting or file. */
class UserRoutesLoaderTest {

    @TempDir
    Path dir;

    private CamelContext camel;

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private static String route(String id) {
        return """
                - route:
                    id: %s
                    from:
                      uri: direct:%s
                      steps:
                        - setBody:
                            constant: %s
                """.formatted(id, id, id);
    }

    @Test
    void loadsEveryYamlFileAndOnlyThose() throws Exception {
        Files.writeString(dir.resolve("b.yaml"), route("second"));
        Files.writeString(dir.resolve("a.yaml"), route("first"));
        Files.writeString(dir.resolve("c.yaml.bak"), route("backup"));
        assertThat(UserRoutes.load(camel, dir))
                .extracting(p -> p.getFileName().toString())
                .containsExactly("a.yaml", "b.yaml");
        assertThat(camel.getRoutes()).extracting(r -> r.getRouteId()).containsExactlyInAnyOrder("first", "second");
        assertThat(camel.createProducerTemplate().requestBody("direct:second", "x", String.class))
                .isEqualTo("second");
    }

    @Test
    void aFileThatDoesNotLoadIsNamed() throws Exception {
        Files.writeString(dir.resolve("good.yaml"), route("good"));
        Files.writeString(
                dir.resolve("broken.yaml"),
                "- route:\n    from:\n      uri: direct:x\n      steps:\n        - frobnicate: {}\n");
        Throwable refused = catchThrowable(() -> UserRoutes.load(camel, dir));
        assertThat(refused)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broken.yaml")
                .hasMessageContaining("b24sip.routes.dir");
    }

    @Test
    void aMissingDirectoryNamesTheSetting() {
        Throwable refused = catchThrowable(() -> UserRoutes.load(camel, dir.resolve("absent")));
        assertThat(refused)
                .hasMessageContaining("b24sip.routes.dir=")
                .hasMessageContaining("absent")
                .hasMessageContaining("not a directory");
    }
}
