package io.github.b24sip.camel;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aCredentialsUrlIsCheckedOnceForEveryPlaceThatTakesOne() {
        assertThat(SecureUris.credentialsUrl(" https://acme.bitrix24.com/ ")).isEqualTo("https://acme.bitrix24.com");
        assertThat(SecureUris.credentialsUrl("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
        assertThatThrownBy(() -> SecureUris.credentialsUrl("https://user:secret@acme.bitrix24.com"))
                .hasMessage("must not carry a query or user info")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> SecureUris.credentialsUrl("https://acme.bitrix24.com/?auth=x"))
                .hasMessage("must not carry a query or user info");
        assertThatThrownBy(() -> SecureUris.credentialsUrl("http://acme.bitrix24.com"))
                .hasMessageStartingWith("plain http:// is allowed only to a loopback address");
        assertThatThrownBy(() -> SecureUris.credentialsUrl("ftp://acme.bitrix24.com"))
                .hasMessage("must be an https:// URL with a host");
        assertThatThrownBy(() -> SecureUris.credentialsUrl(" ")).hasMessageStartingWith("is required");
    }
}
