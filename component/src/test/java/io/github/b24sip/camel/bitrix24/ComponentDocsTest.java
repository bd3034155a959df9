package io.github.b24sip.camel.bitrix24;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated component JSON describes every operation and option, and the README's tables say the same. */
class ComponentDocsTest {

    private static final Pattern NAME = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);
    private static final Pattern ROW =
            Pattern.compile("^\\| `([^`]+)` \\| (.*?) \\| (`[^`]*`)? ?\\|", Pattern.MULTILINE);

    private JsonNode json() throws Exception {
        try (InputStream in =
                getClass().getResourceAsStream("/META-INF/io/github/b24sip/camel/bitrix24/bitrix24-sip.json")) {
            assertThat(in)
                    .as("the generated component JSON is on the classpath")
                    .isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void componentJsonListsTheOperationsAndDescribesEveryOption() throws Exception {
        JsonNode json = json();
        assertThat(json.at("/component/scheme").asText()).isEqualTo("bitrix24-sip");
        List<String> operations = new ArrayList<>();
        json.at("/properties/operation/enum").forEach(n -> operations.add(n.asText()));
        assertThat(operations)
                .containsExactly(
                        "add",
                        "update",
                        "delete",
                        "get",
                        "status",
                        "connectorStatus",
                        "outgoingGet",
                        "outgoingSet",
                        "outgoingSipSet",
                        "sync");
        for (String section : List.of("componentProperties", "properties", "headers")) {
            json.get(section)
                    .fields()
                    .forEachRemaining(
                            e -> assertThat(e.getValue().path("description").asText())
                                    .as(section + " " + e.getKey())
                                    .isNotBlank());
        }
        for (String secret : List.of("token", "clientSecret", "accessToken", "refreshToken")) {
            assertThat(json.at("/properties/" + secret + "/secret").asBoolean())
                    .as(secret)
                    .isTrue();
        }
    }

    @Test
    void voximplantJsonListsItsOperationsAndTheReadmeMatchesIt() throws Exception {
        JsonNode json;
        try (InputStream in =
                getClass().getResourceAsStream("/META-INF/io/github/b24sip/camel/voximplant/voximplant-sip.json")) {
            json = new ObjectMapper().readTree(in);
        }
        List<String> operations = new ArrayList<>();
        json.at("/properties/operation/enum").forEach(n -> operations.add(n.asText()));
        assertThat(operations)
                .containsExactly(
                        "createSipRegistration",
                        "updateSipRegistration",
                        "deleteSipRegistration",
                        "getSipRegistrations",
                        "bindSipRegistration",
                        "registrations",
                        "sync");
        json.get("properties")
                .fields()
                .forEachRemaining(
                        e -> assertThat(e.getValue().path("description").asText())
                                .as(e.getKey())
                                .isNotBlank());
        assertThat(json.at("/properties/credentials/secret").asBoolean()).isTrue();
        assertThat(json.at("/properties/apiKey/secret").asBoolean()).isTrue();
        String readme = Files.readString(Path.of("README.md"));
        assertThat(section(readme, "### voximplant-sip component options"))
                .isEqualTo(names(json.get("componentProperties")));
        Set<String> endpoint = names(json.get("properties"));
        endpoint.remove("operation");
        assertThat(section(readme, "### voximplant-sip endpoint options")).isEqualTo(endpoint);
        assertThat(section(readme, "### voximplant-sip message headers")).isEqualTo(names(json.get("headers")));
    }

    @Test
    void readmeTablesMatchTheComponentJson() throws Exception {
        JsonNode json = json();
        String readme = Files.readString(Path.of("README.md"));
        assertThat(section(readme, "### Component options")).isEqualTo(names(json.get("componentProperties")));
        Set<String> endpoint = names(json.get("properties"));
        endpoint.remove("operation");
        assertThat(section(readme, "### Endpoint options")).isEqualTo(endpoint);
        assertThat(section(readme, "### Message headers")).isEqualTo(names(json.get("headers")));
        Matcher rows = ROW.matcher(between(readme, "### Endpoint options"));
        while (rows.find()) {
            JsonNode option = json.get("properties").get(rows.group(1));
            String documentedDefault =
                    rows.group(3) == null ? "" : rows.group(3).replace("`", "");
            assertThat(documentedDefault)
                    .as("default of " + rows.group(1))
                    .isEqualTo(option.path("defaultValue").asText(""));
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> out = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Set<String> section(String readme, String heading) {
        Set<String> out = new LinkedHashSet<>();
        Matcher rows = NAME.matcher(between(readme, heading));
        while (rows.find()) {
            out.add(rows.group(1));
        }
        return out;
    }

    private static String between(String readme, String heading) {
        int start = readme.indexOf(heading);
        assertThat(start).as(heading).isNotNegative();
        int end = readme.indexOf("\n#", start + heading.length());
        return readme.substring(start, end < 0 ? readme.length() : end);
    }
}
