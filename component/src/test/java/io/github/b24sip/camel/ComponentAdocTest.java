package io.github.b24sip.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsciiDoc pages (src/main/docs/*-component.adoc, laid out as Camel's component pages are) carry the option and
 * header tables of the generated component JSON, unchanged. After an option changes, run this test with
 * {@code -Ddocs.update=true} to rewrite the tables.
 */
class ComponentAdocTest {

    @ParameterizedTest
    @CsvSource({
        "bitrix24-sip, /META-INF/io/github/b24sip/camel/bitrix24/bitrix24-sip.json",
        "voximplant-sip, /META-INF/io/github/b24sip/camel/voximplant/voximplant-sip.json"
    })
    void thePageHoldsTheGeneratedTables(String scheme, String jsonResource) throws Exception {
        JsonNode json;
        try (InputStream in = getClass().getResourceAsStream(jsonResource)) {
            json = new ObjectMapper().readTree(in);
        }
        Path page = Path.of("src/main/docs/" + scheme + "-component.adoc");
        String text = Files.readString(page, StandardCharsets.UTF_8);
        String expected = text;
        for (String section : ComponentAdoc.SECTIONS) {
            expected = ComponentAdoc.replace(expected, section, ComponentAdoc.render(json, section));
        }
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(page, expected, StandardCharsets.UTF_8);
            text = expected;
        }
        assertThat(text)
                .as(page + " holds the tables of the component JSON (run with -Ddocs.update=true to rewrite them)")
                .isEqualTo(expected);
        assertThat(text).contains(":shortname: " + scheme, ":artifactid: camel-bitrix24-sip");
    }
}
