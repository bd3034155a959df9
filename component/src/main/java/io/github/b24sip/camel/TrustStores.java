package io.github.b24sip.camel;

import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

import java.nio.file.Path;
import java.security.KeyStore;

/** sslContextParameters for a portal behind a private CA: trust what a PKCS12 trust store (a file, or loaded) holds. */
public final class TrustStores {

    private TrustStores() {}

    public static SSLContextParameters pkcs12(Path file, String password) {
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setResource("file:" + file.toAbsolutePath());
        keyStore.setPassword(password);
        keyStore.setType("PKCS12");
        return trusting(keyStore);
    }

    /** Trust what a key store already loaded holds (read once from a file or PEM text, never again by path). */
    public static SSLContextParameters of(KeyStore loaded) {
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setKeyStore(loaded);
        return trusting(keyStore);
    }

    private static SSLContextParameters trusting(KeyStoreParameters keyStore) {
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(keyStore);
        SSLContextParameters ssl = new SSLContextParameters();
        ssl.setTrustManagers(trust);
        return ssl;
    }
}
