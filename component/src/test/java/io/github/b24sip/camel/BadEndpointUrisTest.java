package io.github.b24sip.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The committed corpus of bad endpoint URIs (src/test/resources/bad-input/endpoint-uris.txt): each fails when the
 * endpoint is created, with a message naming the option or operation at fault and never the secret given. The text is
 * looked for below the wrapper that echoes the URI, and must not be in the URI, so an unrelated failure cannot pass.
 */
class BadEndpointUrisTest {

    @Test
    void everyBadUriFailsNamingWhatIsWrong() throws Exception {
        List<String[]> cases = new ArrayList<>();
        try (InputStream in = BadEndpointUrisTest.class.getResourceAsStream("/bad-input/endpoint-uris.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    cases.add(line.split(" \\| ", 2));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(10);
        List<String> failures = new ArrayList<>();
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            for (String[] c : cases) {
                String uri = c[0].trim();
                String expected = c[1].trim();
                if (uri.contains(expected)) {
                    failures.add(uri + " -> the expected text is in the URI itself, so any failure would match it");
                    continue;
                }
                Throwable thrown = catchThrowable(() -> context.getEndpoint(uri));
                String messages = messagesBelowTheUriEcho(thrown);
                if (thrown == null
                        || !messages.contains(expected)
                        || messages.contains("t0ken")
                        || messages.contains("s3cret")) {
                    failures.add(uri + " -> " + messages);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * The messages of the causes under Camel's ResolveEndpointFailedException, whose own message repeats the URI; when
     * it has no cause (Camel's unknown-parameter check), its own message, which then names the parameters.
     */
    private static String messagesBelowTheUriEcho(Throwable thrown) {
        if (thrown == null) {
            return "(no exception)";
        }
        Throwable first = thrown instanceof ResolveEndpointFailedException && thrown.getCause() != null
                ? thrown.getCause()
                : thrown;
        StringBuilder messages = new StringBuilder();
        for (Throwable t = first; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" / ");
        }
        return messages.toString();
    }
}
