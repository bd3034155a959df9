package io.github.b24sip.camel;

import io.github.b24sip.simulator.Simulator;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

import java.io.IOException;
import java.nio.file.Path;

/** sslContextParameters that trust the simulator's certificate, configured the way a user trusts a private CA. */
public final class SimulatorTrust {

    private SimulatorTrust() {
    }

    public static SSLContextParameters sslContextParameters(Simulator sim, Path dir) throws IOException {
        Path trustStore = dir.resolve("simulator-truststore.p12");
        sim.tls().writeTrustStore(trustStore, "changeit".toCharArray());
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setResource("file:" + trustStore);
        keyStore.setPassword("changeit");
        keyStore.setType("PKCS12");
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(keyStore);
        SSLContextParameters ssl = new SSLContextParameters();
        ssl.setTrustManagers(trust);
        return ssl;
    }
}
