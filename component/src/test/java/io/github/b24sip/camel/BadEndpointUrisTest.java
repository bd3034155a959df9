package io.github.b24sip.camel;

import org.apache.camel.CamelContext;
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
 * endpoint is created, with a message naming the option or operation at fault and never the secret given.
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
                Throwable thrown = catchThrowable(() -> context.getEndpoint(c[0].trim()));
                StringBuilder messages = new StringBuilder();
                for (Throwable t = thrown; t != null; t = t.getCause()) {
                    messages.append(t.getMessage()).append(" / ");
                }
                if (thrown == null || !messages.toString().contains(c[1].trim())
                        || messages.toString().contains("t0ken") || messages.toString().contains("s3cret")) {
                    failures.add(c[0] + " -> " + messages);
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}
