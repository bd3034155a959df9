package io.github.b24sip.app.install;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.camel.TrustStores;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.support.OAuthServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * Confirms an install at the OAuth server the app trusts ({@code b24sip.application.oauth-server-url}): it refreshes
 * the install's refresh token there with the application's client id and secret, through the component's {@link
 * OAuthServer} (the grant its own refreshes send), and takes who the portal is from that answer ({@code
 * settings/oauth/auto-renewal.md}). A forged install
 * cannot pass: its refresh token is not one the OAuth server issued to this application.
 */
@ApplicationScoped
public class OAuthServerClient {

    /**
     * Long: the OAuth server spends the refresh token when it answers, so an answer given up on is an install lost.
     * The sender is answered (503, send again) after {@link InstallQueue}'s wait while the confirmation goes on.
     */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    AppConfig config;

    @Inject
    CamelContext camel;

    private HttpClient http;

    public OAuthConfirmation confirm(String refreshToken) {
        AppConfig.Application app = config.application();
        OAuthServer.Grant grant;
        try {
            grant = new OAuthServer(app.oauthServerUrl())
                    .refresh(
                            client(),
                            app.clientId().orElseThrow(),
                            app.clientSecret().orElseThrow(),
                            refreshToken,
                            TIMEOUT);
        } catch (Bitrix24SipException e) {
            if (Bitrix24SipException.NETWORK_ERROR.equals(e.getErrorCode())) {
                throw new InstallRefusedException(
                        503,
                        "the OAuth server could not be reached to confirm the install; the portal may install again "
                                + "later");
            }
            throw new OAuthRefusedException("the OAuth server did not confirm this install (" + e.getErrorCode()
                    + "): not believed, nothing changed");
        }
        return new OAuthConfirmation(
                grant.accessToken(), grant.refreshToken(), grant.memberId(), grant.clientEndpoint(), grant.scope());
    }

    private synchronized HttpClient client() {
        if (http == null) {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
            config.application().trustStoreFile().ifPresent(file -> {
                try {
                    builder.sslContext(TrustStores.pkcs12(
                                    Path.of(file),
                                    config.application().trustStorePassword().orElse(null))
                            .createSSLContext(camel));
                } catch (GeneralSecurityException | IOException e) {
                    throw new IllegalStateException("b24sip.application.trust-store-file: cannot be used ("
                            + e.getClass().getSimpleName() + ")");
                }
            });
            http = builder.build();
        }
        return http;
    }
}
