package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.simulator.PortalConfig;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The component in the YAML DSL route of the README: add a line, then list the lines. */
class Bitrix24SipYamlRouteTest extends Bitrix24SipTestSupport {

    private static final String ROUTES = """
            - route:
                id: provision
                from:
                  uri: direct:provision
                  steps:
                    - to:
                        uri: bitrix24-sip:add
                    - setBody:
                        simple: "${null}"
                    - to:
                        uri: bitrix24-sip:get
            """;

    @Test
    @SuppressWarnings("unchecked")
    void theReadmeYamlRouteAddsThenLists() throws Exception {
        startSimulator(PortalConfig.portal("demo"));
        startCamel();
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("provision.yaml", ROUTES));
        List<SipLine> lines = template.requestBody(
                "direct:provision",
                Map.of("title", "yaml", "server", "sip.example.com", "login", "l", "password", "p"),
                List.class);
        assertThat(lines).singleElement().satisfies(l -> assertThat(l.title()).isEqualTo("yaml"));
        assertThat(journal().countRequests("demo", "voximplant.sip.add")).isEqualTo(1);
    }
}
