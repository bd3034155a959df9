package io.github.b24sip.bench;

import io.github.b24sip.camel.TrustStores;
import io.github.b24sip.camel.bitrix24.Bitrix24SipComponent;
import io.github.b24sip.camel.bitrix24.Bitrix24SipConfiguration;
import io.github.b24sip.camel.bitrix24.RateLimitPlan;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Points bitrix24-sip components at simulator portals, trusting the simulator's certificate as a user would. */
final class SimulatedPortals {

    private final SSLContextParameters ssl;

    SimulatedPortals(Simulator simulator) {
        try {
            Path trustStore = Files.createTempFile("bench-truststore", ".p12");
            trustStore.toFile().deleteOnExit();
            simulator.tls().writeTrustStore(trustStore, "changeit".toCharArray());
            ssl = TrustStores.pkcs12(trustStore, "changeit");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers a component for the portal as {@code scheme}, pacing under the given bucket (burst 0 = none). */
    void register(CamelContext camel, String scheme, BitrixPortal portal, int burst, double drain) {
        Bitrix24SipComponent component = new Bitrix24SipComponent();
        Bitrix24SipConfiguration c = component.getConfiguration();
        // -Dbench.plainHttp=true: the simulator's loopback plain-HTTP origin, to see what TLS costs a scenario
        c.setPortalUrl(Boolean.getBoolean("bench.plainHttp") ? portal.plainBaseUrl() : portal.baseUrl());
        c.setUserId(String.valueOf(portal.webhook().userId()));
        c.setToken(portal.webhook().code());
        c.setSslContextParameters(ssl);
        if (burst <= 0) {
            c.setRateLimitPlan(RateLimitPlan.none);
        } else {
            c.setBurstLimit(burst);
            c.setDrainRate(drain);
        }
        camel.addComponent(scheme, component);
    }
}
