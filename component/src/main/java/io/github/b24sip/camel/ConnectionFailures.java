package io.github.b24sip.camel;

import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * A failed connection in words a user can act on. A certificate the JVM does not trust (a private CA, the simulator's
 * own) names the options that trust it; other failures name their kind. Only exception class names are used: a
 * message could hold a URL, and a webhook URL holds its secret.
 */
public final class ConnectionFailures {

    /** The options that make the components trust a certificate, as a user would set them. */
    public static final String TRUST_OPTIONS = "give the component or endpoint sslContextParameters with a trust store "
            + "holding the server's CA (TrustStores.pkcs12(file, password) makes one), or set "
            + "useGlobalSslContextParameters=true with the Camel context's camel.ssl.enabled=true, camel.ssl.trustStore and "
            + "camel.ssl.trustStorePassword";

    private ConnectionFailures() {}

    /** Why the connection failed: an untrusted certificate with the options to trust it, else the failure's kind. */
    public static String describe(IOException e) {
        if (certificateRefused(e)) {
            return "the server's TLS certificate is not trusted here ("
                    + e.getClass().getSimpleName() + ": "
                    + rootCause(e).getClass().getSimpleName() + "): " + TRUST_OPTIONS;
        }
        if (e instanceof SSLException) {
            return "the TLS handshake failed (" + e.getClass().getSimpleName() + ")";
        }
        return "the connection failed: " + e.getClass().getSimpleName();
    }

    /** True when the TLS handshake refused the server's certificate: no path to a trusted CA, or not for this host. */
    static boolean certificateRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException
                    || t instanceof CertPathValidatorException
                    || t instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
