package io.github.b24sip.simulator;

import com.sun.net.httpserver.HttpServer;
import io.github.b24sip.simulator.bitrix.ApplicationInstaller.Installation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A portal installing and removing an application without a UI: the handler gets the documented form bodies
 * (ONAPPINSTALL with tokens the OAuth server honours and the application token; ONAPPUNINSTALL with the same
 * application token, CLEAN, and no token), and the application's tokens are revoked before the uninstall is posted.
 */
class ApplicationInstallTest extends SimulatorTestSupport {

    private final List<Map<String, String>> posted = new CopyOnWriteArrayList<>();
    private HttpServer handler;

    @AfterEach
    void stopHandler() {
        if (handler != null) {
            handler.stop(0);
        }
    }

    @Test
    void anInstallPostsItsTokensAndTheUninstallRevokesThemFirst() throws IOException {
        startPortal(PortalConfig.portal("demo").app(new OAuthApp("app.local.1", "app-secret")));
        String url = startHandler();

        Installation installed = portal.installApplication("app.local.1", url);
        assertThat(installed.status()).isEqualTo(200);
        Map<String, String> install = posted.get(0);
        assertThat(install)
                .containsEntry("event", "ONAPPINSTALL")
                .containsEntry("auth[member_id]", portal.memberId())
                .containsEntry("auth[client_endpoint]", portal.baseUrl() + "/rest/")
                .containsEntry("auth[server_endpoint]", sim.oauthServerUrl() + "/rest/")
                .containsEntry("auth[application_token]", installed.applicationToken())
                .containsEntry("auth[refresh_token]", installed.tokens().refreshToken())
                .containsEntry("auth[scope]", "telephony")
                .containsEntry("data[INSTALLED]", "Y")
                .containsKey("ts");
        assertThat(refresh(installed.tokens().refreshToken()).status())
                .as("the install's refresh token is one the OAuth server issued")
                .isEqualTo(200);

        Installation again = portal.installApplication("app.local.1", url);
        assertThat(again.applicationToken())
                .as("one application token per install of the app")
                .isEqualTo(installed.applicationToken());

        Installation removed = portal.uninstallApplication("app.local.1", url, true);
        Map<String, String> uninstall = posted.get(2);
        assertThat(uninstall)
                .containsEntry("event", "ONAPPUNINSTALL")
                .containsEntry("data[CLEAN]", "1")
                .containsEntry("auth[application_token]", installed.applicationToken())
                .doesNotContainKeys("auth[access_token]", "auth[refresh_token]");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(refresh(again.tokens().refreshToken()).error())
                .as("revoked before the event is posted")
                .isEqualTo("invalid_grant");
    }

    private Reply refresh(String refreshToken) {
        return postForm(
                sim.oauthServerUrl() + "/oauth/token/",
                form(Map.of(
                        "grant_type", "refresh_token",
                        "client_id", "app.local.1",
                        "client_secret", "app-secret",
                        "refresh_token", refreshToken)));
    }

    /** An application's handler on loopback that keeps every form it is posted. */
    private String startHandler() throws IOException {
        handler = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        handler.createContext("/events", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                fields.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            posted.add(fields);
            byte[] answer = "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        handler.start();
        return "http://127.0.0.1:" + handler.getAddress().getPort() + "/events";
    }
}
