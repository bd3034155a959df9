package io.github.b24sip.app.command;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka and JMS commands (issue #35, fuzzing): any payload is a command or a {@link CommandRejectedException}, and the
 * password it carries is in no message, whatever breaks around it.
 */
class CommandParseFuzzTest {

    /**
     * A fixed seed keeps the test command reproducible (a failure is the same on every machine); change it, or run
     * with another, to explore further.
     */
    private static final String SEED = "20261207";

    private static final String SECRET = "S3cr3t-pw-7f1c";

    @Property(tries = 3000, seed = SEED)
    void anyPayloadIsACommandOrARejectionThatNeverQuotesThePassword(@ForAll("payloads") String payload) {
        try {
            LineCommand command = CommandService.parse(payload);
            assertThat(command.toString()).doesNotContain(SECRET);
        } catch (CommandRejectedException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET);
        }
    }

    /**
     * Commands as they come, cut anywhere, with fields dropped, repeated, retyped or renamed, and noise spliced in;
     * the password is always {@link #SECRET} and only ever a value.
     */
    @Provide
    Arbitrary<String> payloads() {
        Arbitrary<String> text =
                Arbitraries.strings().withChars("abc {}[]\":,\\\u00e9\n0-9").ofMaxLength(12);
        Arbitrary<String> field = Arbitraries.of(
                "\"id\":\"c-1\"",
                "\"id\":7",
                "\"action\":\"upsert\"",
                "\"action\":\"rename\"",
                "\"kind\":\"registration\"",
                "\"kind\":\"other\"",
                "\"portal\":\"acme\"",
                "\"line\":{\"title\":\"A\",\"server\":\"s\",\"login\":\"l\",\"password\":\"" + SECRET + "\"}",
                "\"line\":{\"password\":\"" + SECRET + "\",\"colour\":1}",
                "\"line\":\"" + SECRET + "\"",
                "\"registration\":{\"sip_username\":\"u\",\"password\":\"" + SECRET + "\"}",
                "\"line\":{\"password\":[\"" + SECRET + "\"]}",
                "\"unknown\":true");
        Arbitrary<String> object = field.list().ofMaxSize(6).map(f -> "{" + String.join(",", f) + "}");
        return Combinators.combine(object, text, Arbitraries.integers().between(0, 400), Arbitraries.of(0, 1, 2))
                .as((json, noise, cut, how) -> switch (how) {
                    case 0 -> json;
                    case 1 -> json.substring(0, Math.min(cut, json.length()));
                    default ->
                        json.substring(0, Math.min(cut, json.length()))
                                + noise
                                + json.substring(Math.min(cut, json.length()));
                });
    }
}
