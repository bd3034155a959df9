package io.github.b24sip.camel;

import io.github.b24sip.simulator.Simulator;
import org.apache.camel.support.jsse.SSLContextParameters;

import java.io.IOException;
import java.nio.file.Path;

/** sslContextParameters that trust the simulator's certificate, configured the way a user trusts a private CA. */
public final class SimulatorTrust {

    private SimulatorTrust() {}

    public static SSLContextParameters sslContextParameters(Simulator sim, Path dir) throws IOException {
        Path trustStore = dir.resolve("simulator-truststore.p12");
        sim.tls().writeTrustStore(trustStore, "changeit".toCharArray());
        return TrustStores.pkcs12(trustStore, "changeit");
    }
}
