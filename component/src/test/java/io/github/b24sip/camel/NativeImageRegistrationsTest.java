package io.github.b24sip.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.camel.bitrix24.Bitrix24SipComponent;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar carries its own native-image registrations, so an application using it registers nothing of ours: every
 * record and enum (Jackson reads and writes them) and every exception (routes name them in onException) of the main
 * code, found by loading each compiled class, and nothing that no longer exists.
 */
class NativeImageRegistrationsTest {

    static final String REFLECT_CONFIG =
            "META-INF/native-image/io.github.b24sip/camel-bitrix24-sip/reflect-config.json";

    @Test
    void reflectConfigListsExactlyTheRecordsEnumsAndExceptionsOfTheMainCode() throws Exception {
        Set<String> registered = new TreeSet<>();
        try (InputStream in = Bitrix24SipComponent.class.getClassLoader().getResourceAsStream(REFLECT_CONFIG)) {
            assertThat(in).as(REFLECT_CONFIG + " in the main resources").isNotNull();
            for (JsonNode entry : new ObjectMapper().readTree(in)) {
                registered.add(entry.get("name").asText());
                assertThat(entry.path("allDeclaredConstructors").asBoolean())
                        .as(entry.get("name").asText())
                        .isTrue();
                assertThat(entry.path("allDeclaredMethods").asBoolean())
                        .as(entry.get("name").asText())
                        .isTrue();
            }
        }
        assertThat(registered).isEqualTo(reflectiveClassesOfTheMainCode());
    }

    private static Set<String> reflectiveClassesOfTheMainCode() throws Exception {
        Path classes = Path.of(Bitrix24SipComponent.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name =
                        classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, NativeImageRegistrationsTest.class.getClassLoader());
                if (!type.isAnonymousClass()
                        && (type.isRecord() || type.isEnum() || Throwable.class.isAssignableFrom(type))) {
                    out.add(name);
                }
            }
        }
        assertThat(out).as("classes found under " + classes).isNotEmpty();
        return out;
    }
}
