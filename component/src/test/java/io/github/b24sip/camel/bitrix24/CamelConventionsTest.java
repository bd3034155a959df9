package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.SimulatorTrust;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.spi.InMemoryTokenStore;
import io.github.b24sip.camel.bitrix24.spi.TokenPair;
import io.github.b24sip.simulator.OAuthApp;
import io.github.b24sip.simulator.PortalConfig;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What a Camel user expects of a component found on the classpath: the context's global TLS settings used when asked,
 * and a single bean of an SPI type in the registry wired in without naming it.
 */
class CamelConventionsTest extends Bitrix24SipTestSupport {

    private String webhookUri(String operation) {
        return "bitrix24-sip:" + operation + "?portalUrl=" + portal.baseUrl() + "&userId="
                + portal.webhook().userId() + "&token=RAW(" + portal.webhook().code() + ")";
    }

    @Test
    void theGlobalSslContextParametersAreUsedOnlyWhenTheComponentIsToldTo() throws Exception {
        startSimulator(PortalConfig.portal("demo"));
        portal.addLine("", "office", "office", "pbx.example.com", "l", "p");
        context = new DefaultCamelContext();
        context.setSSLContextParameters(SimulatorTrust.sslContextParameters(sim, tempDir));
        context.start();
        template = context.createProducerTemplate();

        Throwable untrusted = catchThrowable(() -> template.requestBody(webhookUri("get"), null, List.class));
        assertThat(untrusted).isInstanceOf(CamelExecutionException.class);
        assertThat(journal().countRequests("demo", "voximplant.sip.get"))
                .as("refused before any request")
                .isZero();

        context.getComponent("bitrix24-sip", Bitrix24SipComponent.class).setUseGlobalSslContextParameters(true);
        @SuppressWarnings("unchecked")
        List<SipLine> lines = template.requestBody(webhookUri("get") + "&connectTimeout=9000", null, List.class);
        assertThat(lines).extracting(SipLine::title).containsExactly("office");
    }

    @Test
    void aSingleTokenStoreInTheRegistryIsAutowiredAndKeepsTheRotatedPair() throws Exception {
        startSimulator(PortalConfig.portal("demo").app(new OAuthApp("app.camel", "camel-secret")));
        io.github.b24sip.simulator.bitrix.TokenPair issued = portal.issueTokens("app.camel");
        InMemoryTokenStore store = new InMemoryTokenStore();
        context = new DefaultCamelContext();
        context.getRegistry().bind("tokens", store);
        context.setSSLContextParameters(SimulatorTrust.sslContextParameters(sim, tempDir));
        context.start();
        Bitrix24SipComponent component = context.getComponent("bitrix24-sip", Bitrix24SipComponent.class);
        assertThat(component.getConfiguration().getTokenStore()).isSameAs(store);

        component.setUseGlobalSslContextParameters(true);
        portal.expireAccessTokens();
        template = context.createProducerTemplate();
        template.requestBody(
                "bitrix24-sip:connectorStatus?portalUrl=" + portal.baseUrl() + "&clientId=app.camel"
                        + "&clientSecret=RAW(camel-secret)&accessToken=RAW(" + issued.accessToken()
                        + ")&refreshToken=RAW("
                        + issued.refreshToken() + ")&oauthServerUrl=" + sim.oauthServerUrl(),
                (Object) null);
        TokenPair stored = store.load(portal.baseUrl(), "app.camel");
        assertThat(stored).as("the refresh went to the autowired store").isNotNull();
        assertThat(stored.refreshToken()).isNotEqualTo(issued.refreshToken());
    }
}
