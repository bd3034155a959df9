package io.github.b24sip.camel;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** Loopback means a loopback address (an IP literal) or localhost: never a host name that merely looks like one. */
class SecureUrisTest {

    @Test
    void plainHttpGoesOnlyToALoopbackAddress() {
        assertThat(SecureUris.httpsOrLoopback(URI.create("https://acme.bitrix24.com")))
                .isTrue();
        assertThat(SecureUris.httpsOrLoopback(URI.create("http://127.0.0.1:8080")))
                .isTrue();
        assertThat(SecureUris.httpsOrLoopback(URI.create("http://127.10.0.1"))).isTrue();
        assertThat(SecureUris.httpsOrLoopback(URI.create("http://[::1]:8080"))).isTrue();
        assertThat(SecureUris.httpsOrLoopback(URI.create("http://localhost:8080")))
                .isTrue();

        assertThat(SecureUris.httpsOrLoopback(URI.create("http://127.attacker.example:8443")))
                .as("a name starting with 127. is resolved elsewhere")
                .isFalse();
        assertThat(SecureUris.httpsOrLoopback(URI.create("http://127.0.0.1.nip.io")))
                .isFalse();
        assertThat(SecureUris.httpsOrLoopback(URI.create("http://localhost.attacker.example")))
                .isFalse();
        assertThat(SecureUris.httpsOrLoopback(URI.create("http://10.0.0.1"))).isFalse();
        assertThat(SecureUris.httpsOrLoopback(URI.create("ftp://127.0.0.1"))).isFalse();
    }
}
