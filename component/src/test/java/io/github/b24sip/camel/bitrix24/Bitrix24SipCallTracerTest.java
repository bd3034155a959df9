package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.call.CallTracer;
import io.github.b24sip.simulator.PortalConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CallTracer bean in the registry sees one span per HTTP request, named by the REST method, with the portal's host
 * and the answer's status; what it is given holds no secret.
 */
class Bitrix24SipCallTracerTest extends Bitrix24SipTestSupport {

    private final List<String> spans = new CopyOnWriteArrayList<>();

    @Test
    void eachRequestIsOneSpanWithMethodHostAndStatus() throws Exception {
        startSimulator(PortalConfig.portal("demo").rateLimit(null));
        CallTracer tracer = (api, method, host) ->
                (status, error) -> spans.add(api + " " + method + " " + host + " " + status + " " + error);
        startCamel(c -> {});
        context.getRegistry().bind("tracer", CallTracer.class, tracer);

        template.requestBody("bitrix24-sip:connectorStatus", (Object) null);
        try {
            template.requestBody("bitrix24-sip:status", 424242L);
        } catch (Exception expected) {
            // an unknown registration: the portal answers with an error
        }

        String host = java.net.URI.create(portal.baseUrl()).getAuthority();
        assertThat(spans)
                .containsExactly(
                        "bitrix24 voximplant.sip.connector.status " + host + " 200 null",
                        "bitrix24 voximplant.sip.status " + host + " " + lastStatus() + " HTTP_" + lastStatus());
        assertThat(String.join("\n", spans)).doesNotContain(portal.webhook().code());
    }

    private int lastStatus() {
        var entries = journal().entries();
        return entries.get(entries.size() - 1).status();
    }
}
