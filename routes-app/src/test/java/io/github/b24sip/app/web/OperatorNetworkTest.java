package io.github.b24sip.app.web;

import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Closed by default: without a token, the operators' paths answer loopback only; the internet's paths answer all. */
class OperatorNetworkTest {

    private static final SocketAddress OUTSIDE = SocketAddress.inetSocketAddress(40000, "203.0.113.7");
    private static final SocketAddress LOOPBACK = SocketAddress.inetSocketAddress(40000, "127.0.0.1");
    private static final SocketAddress LOOPBACK6 = SocketAddress.inetSocketAddress(40000, "::1");

    @Test
    void withoutATokenTheOperatorsPathsAnswerOnlyLoopback() {
        for (String path :
                new String[] {"/api/lines", "/", "/portals/alpha", "/reports/a.csv", "/q/metrics", "/sign-in"}) {
            assertThat(OperatorNetwork.allows(false, path, OUTSIDE)).as(path).isFalse();
            assertThat(OperatorNetwork.allows(false, path, LOOPBACK)).as(path).isTrue();
            assertThat(OperatorNetwork.allows(false, path, LOOPBACK6)).as(path).isTrue();
            assertThat(OperatorNetwork.allows(false, path, null)).as(path).isFalse();
        }
    }

    @Test
    void portalsAndProbesReachTheirPathsFromAnywhere() {
        assertThat(OperatorNetwork.allows(false, "/bitrix24/events", OUTSIDE)).isTrue();
        assertThat(OperatorNetwork.allows(false, "/q/health", OUTSIDE)).isTrue();
        assertThat(OperatorNetwork.allows(false, "/q/health/ready", OUTSIDE)).isTrue();
        // a prefix is not the path
        assertThat(OperatorNetwork.allows(false, "/bitrix24/events-admin", OUTSIDE))
                .isFalse();
        assertThat(OperatorNetwork.allows(false, "/q/healthz", OUTSIDE)).isFalse();
    }

    @Test
    void aTokenOrAnOpenNetworkLetsTheRoutesDecide() {
        assertThat(OperatorNetwork.allows(true, "/api/lines", OUTSIDE)).isTrue();
    }

    @Test
    void aHostNameThatLooksLikeLoopbackIsNot() {
        SocketAddress named = SocketAddress.inetSocketAddress(40000, "127.0.0.1.example.com");
        assertThat(OperatorNetwork.allows(false, "/api/lines", named)).isFalse();
    }
}
