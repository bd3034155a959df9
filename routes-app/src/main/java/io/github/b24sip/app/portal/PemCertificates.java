package io.github.b24sip.app.portal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A portal's trust store given as PEM text through the portal API ({@code trust-store-pem}): the CA certificates a
 * portal behind a private CA is trusted by, read by the JDK's X.509 factory into a key store that lives only in memory.
 * Errors name the field and never quote the text.
 */
public final class PemCertificates {

    private PemCertificates() {}

    /** The X.509 certificates of the PEM text; fails naming {@code trust-store-pem} when there is none or it is large. */
    public static List<X509Certificate> parse(String pem) {
        if (pem.length() > PortalDefinition.MAX_PEM_CHARS) {
            throw new InvalidPortalException(
                    "trust-store-pem",
                    "longer than " + PortalDefinition.MAX_PEM_CHARS / 1024 + " KB: not a few CA certificates");
        }
        Collection<? extends Certificate> read;
        try {
            read = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | RuntimeException e) {
            // the factory's messages may quote what it read: only the kind of failure is told
            throw new InvalidPortalException(
                    "trust-store-pem",
                    "not PEM X.509 certificates (" + e.getClass().getSimpleName() + ")");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate c : read) {
            if (c instanceof X509Certificate x509) {
                certificates.add(x509);
            }
        }
        if (certificates.isEmpty()) {
            throw new InvalidPortalException(
                    "trust-store-pem", "holds no certificate: give one or more -----BEGIN CERTIFICATE----- blocks");
        }
        return certificates;
    }

    /** An in-memory PKCS12 key store trusting each certificate of the PEM text. */
    public static KeyStore trustStore(String pem) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate c : parse(pem)) {
                store.setCertificateEntry("trusted-" + i++, c);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidPortalException(
                    "trust-store-pem",
                    "cannot be made a trust store (" + e.getClass().getSimpleName() + ")");
        }
    }
}
