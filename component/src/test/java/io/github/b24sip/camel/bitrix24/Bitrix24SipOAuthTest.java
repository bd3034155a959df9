package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.spi.InMemoryTokenStore;
import io.github.b24sip.camel.bitrix24.spi.TokenPair;
import io.github.b24sip.simulator.OAuthApp;
import io.github.b24sip.simulator.PortalConfig;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** OAuth application auth: one shared refresh, the rotated pair stored, a revoked token failing once and clearly. */
class Bitrix24SipOAuthTest extends Bitrix24SipTestSupport {

    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private io.github.b24sip.simulator.bitrix.TokenPair initial;

    @BeforeEach
    void start() throws Exception {
        startSimulator(PortalConfig.portal("demo").app(new OAuthApp("app.camel", "camel-secret")));
        initial = startOAuthCamel(c -> {
            c.setTokenStore(store);
            c.setMaxConcurrentRequests(10);
        });
    }

    @Test
    void tenConcurrentCallsWithAnExpiredTokenShareOneRefresh() throws Exception {
        assertThat(template.requestBody("bitrix24-sip:get", null, List.class)).isEmpty();
        portal.expireAccessTokens();
        ExecutorService threads = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(() -> template.requestBody("bitrix24-sip:connectorStatus", (Object) null));
            }
            for (Future<Object> f : threads.invokeAll(calls)) {
                assertThat(f.get()).isNotNull();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(sim.oauth().tokens().refreshCount()).isEqualTo(1);
        assertThat(journal().countRequests("oauth", "refresh_token")).isEqualTo(1);
        TokenPair stored = store.load(portal.baseUrl(), "app.camel");
        assertThat(stored).isNotNull();
        assertThat(stored.accessToken()).isNotEqualTo(initial.accessToken());
        assertThat(stored.refreshToken()).isNotEqualTo(initial.refreshToken());
        assertThat(journal().entries("demo").stream()
                        .filter(e -> "expired_token".equals(e.errorCode()))
                        .count())
                .as("every call saw the expired token once, none twice")
                .isLessThanOrEqualTo(10);

        // the stored refresh token is the live one: the next expiry refreshes with it
        portal.expireAccessTokens();
        template.requestBody("bitrix24-sip:connectorStatus", (Object) null);
        assertThat(sim.oauth().tokens().refreshCount()).isEqualTo(2);
        assertThat(journal().entries("demo").get(0).credential()).isEqualTo("oauth:app.camel");
    }

    @Test
    void aRevokedRefreshTokenGivesOneClearAuthenticationError() {
        sim.oauth().tokens().revokeRefreshToken(initial.refreshToken());
        portal.expireAccessTokens();
        Throwable first = catchThrowable(() -> template.requestBody("bitrix24-sip:get", (Object) null));
        assertThat(first).isInstanceOf(CamelExecutionException.class);
        assertThat(first.getCause()).isInstanceOf(Bitrix24SipAuthenticationException.class);
        assertThat(((Bitrix24SipException) first.getCause()).getErrorCode()).isEqualTo("invalid_grant");
        Throwable second = catchThrowable(() -> template.requestBody("bitrix24-sip:get", (Object) null));
        assertThat(second.getCause()).isInstanceOf(Bitrix24SipAuthenticationException.class);
        assertThat(journal().countRequests("oauth", "refresh_token"))
                .as("the refused token is not sent again")
                .isEqualTo(1);
    }
}
