package io.github.b24sip.example;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start without the portal's webhook token, naming the variable that gives it: otherwise the application
 * would start and fail only at its first call, with the portal's INVALID_CREDENTIALS.
 */
@Component
class PortalTokenCheck {

    static final String TOKEN = "camel.component.bitrix24-sip.token";

    PortalTokenCheck(Environment environment) {
        String token = environment.getProperty(TOKEN);
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("B24_TOKEN is not set: export B24_TOKEN=<the code of the portal's inbound "
                    + "webhook> (the simulator's --webhook-code), or set " + TOKEN);
        }
    }
}
