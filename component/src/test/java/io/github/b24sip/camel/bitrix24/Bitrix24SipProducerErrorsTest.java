package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.Webhook;
import io.github.b24sip.simulator.fault.Fault;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every error code the reference lists for these methods, mapped to its exception; and errors raised before sending.
 */
class Bitrix24SipProducerErrorsTest extends Bitrix24SipTestSupport {

    private Bitrix24SipException failure(String uri, Object body) {
        Throwable thrown = catchThrowable(() -> template.requestBody(uri, body));
        assertThat(thrown).isInstanceOf(CamelExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(Bitrix24SipException.class);
        return (Bitrix24SipException) thrown.getCause();
    }

    private void start(PortalConfig config) throws Exception {
        startSimulator(config.rateLimit(null));
        startCamel(c -> c.setRateLimitPlan(RateLimitPlan.none));
    }

    @Test
    void validationCodesOfTheSipMethods() throws Exception {
        start(PortalConfig.portal("demo").maxCloudPbx(1).requiredAddFields("TITLE", "SERVER", "LOGIN", "PASSWORD"));
        SipLine line = template.requestBody(
                "bitrix24-sip:add", SipLineSpec.cloud("one", "sip.example.com", "l", "p"), SipLine.class);
        assertError(
                failure("bitrix24-sip:add", SipLineSpec.office("one", "s", "l", "p")),
                Bitrix24SipValidationException.class,
                "TITLE_EXISTS",
                400);
        assertError(
                failure("bitrix24-sip:add", SipLineSpec.cloud("two", "sip.example.com", "l", "p")),
                Bitrix24SipValidationException.class,
                "MAX_CLOUD_PBX",
                400);
        assertError(
                failure("bitrix24-sip:add", SipLineSpec.office("nopw", "s", "l", null)),
                Bitrix24SipValidationException.class,
                "CHECK_FIELDS_ERROR",
                400);
        assertError(
                failure("bitrix24-sip:update", Map.of("configId", 999, "title", "x")),
                Bitrix24SipValidationException.class,
                "ERROR_NOT_FOUND",
                404);
        assertError(failure("bitrix24-sip:delete", 999), Bitrix24SipValidationException.class, "ERROR_NOT_FOUND", 400);
        assertError(
                failure("bitrix24-sip:status", 424242), Bitrix24SipValidationException.class, "REG_ID_NOT_FOUND", 400);
        portal.failRegistrationDeletion(line.regId());
        assertError(
                failure("bitrix24-sip:delete", line.configId()),
                Bitrix24SipValidationException.class,
                "REG_ID_NOT_FOUND",
                400);
        assertError(
                failure("bitrix24-sip:get", Map.of("COLOUR", "red")),
                Bitrix24SipValidationException.class,
                "ERROR_CORE",
                400);
    }

    @Test
    void permissionAndPlanAreAuthenticationErrors() throws Exception {
        start(PortalConfig.portal("demo"));
        portal.setManageNumbers(1, false);
        Bitrix24SipException denied = failure("bitrix24-sip:get", null);
        assertError(denied, Bitrix24SipAuthenticationException.class, "ACCESS_DENIED", 403);
        assertThat(denied.getMethod()).isEqualTo("voximplant.sip.get");
        assertThat(journal().countRequests("demo", "voximplant.sip.get"))
                .as("not retried")
                .isEqualTo(1);
    }

    @Test
    void wrongWebhookCodeAndMissingScope() throws Exception {
        startSimulator(PortalConfig.portal("demo")
                .webhook(new Webhook(1, "right"))
                .webhook(new Webhook(2, "crm", Set.of("crm"))));
        startCamel(c -> c.setToken("wrong"));
        assertError(
                failure("bitrix24-sip:get", null),
                Bitrix24SipAuthenticationException.class,
                "INVALID_CREDENTIALS",
                403);
        context.stop();
        startCamel(c -> {
            c.setUserId("2");
            c.setToken("crm");
        });
        assertError(
                failure("bitrix24-sip:get", null), Bitrix24SipAuthenticationException.class, "insufficient_scope", 403);
    }

    @Test
    void overloadLimitFailsFastAndHtmlAndRedirectAreClearErrors() throws Exception {
        startSimulator(
                SimulatorConfig.create().portal(PortalConfig.portal("demo")).portal(PortalConfig.portal("new")),
                "demo");
        startCamel();
        portal.faults().next(1, "*", Fault.overloadLimit());
        assertError(
                failure("bitrix24-sip:connectorStatus", null), Bitrix24SipLimitException.class, "OVERLOAD_LIMIT", 503);
        assertThat(journal().countRequests("demo", "voximplant.sip.connector.status"))
                .isEqualTo(1);

        // maxRetries 3: four HTML pages in a row exhaust the retries of an idempotent call
        portal.faults().next(4, "*", Fault.htmlError());
        Bitrix24SipException html = failure("bitrix24-sip:connectorStatus", null);
        assertError(html, Bitrix24SipTransportException.class, Bitrix24SipException.INVALID_RESPONSE, 502);
        assertThat(html.getMessage()).contains("text/html").doesNotContain("<html");
        assertThat(journal().countRequests("demo", "voximplant.sip.connector.status"))
                .isEqualTo(5);

        portal.faults().clear();
        portal.faults().next(1, "*", Fault.redirect(sim.portal("new").baseUrl()));
        Bitrix24SipException moved = failure("bitrix24-sip:connectorStatus", null);
        assertError(moved, Bitrix24SipException.class, Bitrix24SipException.PORTAL_MOVED, 302);
        assertThat(moved.getMessage())
                .contains(sim.portal("new").baseUrl())
                .doesNotContain(portal.webhook().code());
    }

    @Test
    void inputErrorsAreRaisedBeforeAnyRequestAndNameTheField() throws Exception {
        start(PortalConfig.portal("demo"));
        assertThat(failure("bitrix24-sip:add", SipLineSpec.cloud("", "s", "l", "p"))
                        .getMessage())
                .contains("title", "required");
        assertThat(failure("bitrix24-sip:add", SipLineSpec.cloud("t", "s".repeat(101), "l", "p"))
                        .getMessage())
                .contains("server", "100");
        assertThat(failure("bitrix24-sip:add", new SipLineSpec("t", "pbx", "s", "l", "p", null))
                        .getMessage())
                .contains("type");
        assertThat(failure("bitrix24-sip:add", Map.of("title", "t", "colour", "red"))
                        .getMessage())
                .contains("colour");
        assertThat(failure("bitrix24-sip:add", "{not json").getMessage()).contains("body");
        assertThat(failure("bitrix24-sip:update", Map.of("title", "t")).getMessage())
                .contains("configId", "required");
        assertThat(failure("bitrix24-sip:delete", null).getMessage()).contains("configId");
        assertThat(failure("bitrix24-sip:status", "abc").getMessage()).contains("regId", "abc");
        assertThat(failure("bitrix24-sip:add", SipLineSpec.cloud("", "s", "l", "p")))
                .isInstanceOf(Bitrix24SipValidationException.class);
        assertThat(journal().entries("demo")).as("nothing was sent").isEmpty();
    }

    @Test
    void badEndpointOptionsFailAtCreationNamingTheOption() throws Exception {
        start(PortalConfig.portal("demo"));
        assertThat(catchThrowable(() -> context.getEndpoint("bitrix24-sip:frobnicate")))
                .rootCause()
                .hasMessageContaining("frobnicate")
                .hasMessageContaining("connectorStatus");
        assertThat(catchThrowable(() -> context.getEndpoint("bitrix24-sip:get?portalUrl=http://portal.example.com")))
                .rootCause()
                .hasMessageContaining("portalUrl")
                .hasMessageContaining("http://");
        assertThat(catchThrowable(() -> context.getEndpoint("bitrix24-sip:get?clientId=app")))
                .rootCause()
                .hasMessageContaining("not both");
    }

    @Test
    void aCertificateNobodyTrustsIsRefusedBeforeAnyRequest() throws Exception {
        start(PortalConfig.portal("demo"));
        // a component with no sslContextParameters: the JDK's default trust, which does not know the simulator's CA
        context.addComponent("untrusting", new Bitrix24SipComponent());
        Bitrix24SipException e = failure(
                "untrusting:connectorStatus?portalUrl=" + portal.baseUrl() + "&userId="
                        + portal.webhook().userId() + "&token="
                        + portal.webhook().code() + "&rateLimitPlan=none&maxRetries=0",
                null);

        assertThat(e).isInstanceOf(Bitrix24SipTransportException.class);
        assertThat(e.getErrorCode()).isEqualTo(Bitrix24SipException.NETWORK_ERROR);
        assertThat(e.getMessage()).doesNotContain(portal.webhook().code());
        // the error says what to do: the options that trust the portal's certificate, by name
        assertThat(e.getMessage())
                .contains("certificate is not trusted")
                .contains("sslContextParameters", "useGlobalSslContextParameters", "camel.ssl.trustStore");
        assertThat(journal().entries("demo"))
                .as("the TLS handshake failed: no request reached the portal")
                .isEmpty();
    }

    private static void assertError(
            Bitrix24SipException e, Class<? extends Bitrix24SipException> type, String code, int status) {
        assertThat(e).isInstanceOf(type);
        assertThat(e.getErrorCode()).isEqualTo(code);
        assertThat(e.getHttpResponseCode()).isEqualTo(status);
        assertThat(e.getMessage()).contains(code);
    }
}
