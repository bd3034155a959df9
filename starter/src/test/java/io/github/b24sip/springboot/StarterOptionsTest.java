package io.github.b24sip.springboot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every component option of both components' catalog entries is a Spring Boot property of the starter, with IDE
 * metadata (the configuration processor's spring-configuration-metadata.json) and a description: an option added to
 * a component and not here fails this test.
 */
class StarterOptionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bothComponentsOptionsAreSpringBootPropertiesWithMetadata() throws Exception {
        JsonNode metadata = read("META-INF/spring-configuration-metadata.json");
        Set<String> properties = new TreeSet<>();
        Set<String> described = new TreeSet<>();
        for (JsonNode p : metadata.get("properties")) {
            properties.add(p.get("name").asText());
            if (!p.path("description").asText().isBlank()) {
                described.add(p.get("name").asText());
            }
        }
        for (String[] component : new String[][] {
            {"bitrix24-sip", "META-INF/io/github/b24sip/camel/bitrix24/bitrix24-sip.json"},
            {"voximplant-sip", "META-INF/io/github/b24sip/camel/voximplant/voximplant-sip.json"}
        }) {
            Set<String> expected = new TreeSet<>();
            read(component[1]).get("componentProperties").fieldNames().forEachRemaining(name -> {
                if (!name.equals("configuration")) {
                    expected.add("camel.component." + component[0] + "." + kebab(name));
                }
            });
            assertThat(expected).isNotEmpty();
            assertThat(properties).as(component[0]).containsAll(expected);
            assertThat(described).as(component[0] + ", with a description").containsAll(expected);
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([A-Z])", "-$1").toLowerCase();
    }

    private static JsonNode read(String resource) throws Exception {
        try (InputStream in = StarterOptionsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSON.readTree(in);
        }
    }
}
