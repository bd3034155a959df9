package io.github.b24sip.app.install;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events' form body (issue #35, fuzzing): whatever a post carries, the parser answers fields or a 400 that quotes
 * nothing of the body.
 */
class FormBodyFuzzTest {

    /**
     * A fixed seed keeps the test command reproducible (a failure is the same on every machine); change it, or run
     * with another, to explore further.
     */
    private static final String SEED = "20261207";

    @Property(tries = 2000, seed = SEED)
    void anyBodyGivesFieldsOrAPlain400(@ForAll("bodies") String body) {
        try {
            Map<String, String> fields = FormBody.parse(body);
            assertThat(fields).isNotNull();
        } catch (InstallRefusedException e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("body: not a form-encoded body");
        }
    }

    @Property(tries = 1000, seed = SEED)
    void aValueIsTakenBackAsItWasEncoded(@ForAll("values") String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        assertThat(FormBody.parse("event=ONAPPINSTALL&auth%5Bmember_id%5D=" + encoded))
                .containsEntry("auth[member_id]", value);
    }

    /** Any text without lone surrogates (which no encoder can carry). */
    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(200);
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("=&%+[]_abc019\r\n\u0000").ofMaxLength(40),
                Arbitraries.of("%", "%%", "%zz", "%e2%82", "%c0%af", "auth[member_id]=", "=", "&&", "a=b"));
        return pieces.list().ofMaxSize(30).map(list -> String.join("", list));
    }
}
