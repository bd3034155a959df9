package io.github.b24sip.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;

import java.io.IOException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.Executor;

/** The HTTP client both schemes share (see {@link SharedResources}) when none is injected. */
public final class HttpClients {

    private HttpClients() {}

    /**
     * Redirects are not followed: a 302 from a portal means it moved, and a request (with its credentials) must not
     * go to an address nobody configured. TLS uses {@code ssl} when given, the JVM's defaults
     * otherwise. The client's own work (answers, connections) runs on {@code executor}.
     */
    public static HttpClient build(
            CamelContext context, int connectTimeoutMillis, SSLContextParameters ssl, Executor executor)
            throws GeneralSecurityException, IOException {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .executor(executor)
                .connectTimeout(Duration.ofMillis(connectTimeoutMillis))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (ssl != null) {
            builder.sslContext(ssl.createSSLContext(context));
        }
        return builder.build();
    }
}
