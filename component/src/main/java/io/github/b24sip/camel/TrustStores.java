package io.github.b24sip.camel;

import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

import java.nio.file.Path;

/** sslContextParameters for a portal behind a private CA: trust what a PKCS12 trust store file holds. */
public final class TrustStores {

    private TrustStores() {}

    public static SSLContextParameters pkcs12(Path file, String password) {
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setResource("file:" + file.toAbsolutePath());
        keyStore.setPassword(password);
        keyStore.setType("PKCS12");
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(keyStore);
        SSLContextParameters ssl = new SSLContextParameters();
        ssl.setTrustManagers(trust);
        return ssl;
    }
}
