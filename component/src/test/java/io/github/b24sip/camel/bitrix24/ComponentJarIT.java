package io.github.b24sip.camel.bitrix24;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar carries what Camel and Camel Quarkus need to find the component. Runs after package (failsafe). */
class ComponentJarIT {

    @Test
    void jarHasTheComponentJsonTheJandexIndexAndTheServiceFiles() throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("camel-bitrix24-sip-.*\\.jar")
                            && !p.getFileName().toString().contains("sources"))
                    .findFirst()
                    .orElseThrow();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> entries = file.stream().map(e -> e.getName()).toList();
            assertThat(entries)
                    .contains(
                            "META-INF/io/github/b24sip/camel/bitrix24/bitrix24-sip.json",
                            "META-INF/jandex.idx",
                            "META-INF/services/org/apache/camel/component/bitrix24-sip",
                            "META-INF/services/org/apache/camel/configurer/bitrix24-sip-component",
                            "META-INF/services/org/apache/camel/configurer/bitrix24-sip-endpoint",
                            "META-INF/services/org/apache/camel/urifactory/bitrix24-sip-endpoint",
                            "META-INF/services/org/apache/camel/invoke-on-header/"
                                    + "io.github.b24sip.camel.bitrix24.Bitrix24SipProducer",
                            "io/github/b24sip/camel/bitrix24/Bitrix24SipComponentConfigurer.class",
                            "META-INF/io/github/b24sip/camel/voximplant/voximplant-sip.json",
                            "META-INF/services/org/apache/camel/component/voximplant-sip",
                            "META-INF/services/org/apache/camel/configurer/voximplant-sip-endpoint",
                            "META-INF/services/org/apache/camel/urifactory/voximplant-sip-endpoint",
                            "META-INF/services/org/apache/camel/component.properties",
                            "META-INF/services/org/apache/camel/dev-console/bitrix24-sip",
                            "kamelets/bitrix24-sip-status-source.kamelet.yaml",
                            "kamelets/bitrix24-sip-sync-sink.kamelet.yaml");
            for (String kamelet : List.of(
                    "kamelets/bitrix24-sip-status-source.kamelet.yaml",
                    "kamelets/bitrix24-sip-sync-sink.kamelet.yaml")) {
                String yaml =
                        new String(file.getInputStream(file.getEntry(kamelet)).readAllBytes(), StandardCharsets.UTF_8);
                assertThat(yaml)
                        .as(kamelet + " with the build's version filled in")
                        .doesNotContain("${project.version}")
                        .contains("mvn:io.github.b24sip:camel-bitrix24-sip:" + catalog(file));
            }
            Properties catalog = new Properties();
            catalog.load(file.getInputStream(file.getEntry("META-INF/services/org/apache/camel/component.properties")));
            assertThat(catalog.getProperty("components")).isEqualTo("bitrix24-sip voximplant-sip");
            assertThat(catalog.getProperty("artifactId")).isEqualTo("camel-bitrix24-sip");
            assertThat(catalog.getProperty("version")).doesNotContain("${").isNotBlank();
            String json = new String(
                    file.getInputStream(file.getEntry("META-INF/io/github/b24sip/camel/bitrix24/bitrix24-sip.json"))
                            .readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(json)
                    .as("the description whole, not cut at a wildcard")
                    .contains("Manage the SIP lines of a Bitrix24 portal (the voximplant.sip REST methods)");
        }
    }

    private static String catalog(JarFile file) throws IOException {
        Properties catalog = new Properties();
        catalog.load(file.getInputStream(file.getEntry("META-INF/services/org/apache/camel/component.properties")));
        return catalog.getProperty("version");
    }
}
