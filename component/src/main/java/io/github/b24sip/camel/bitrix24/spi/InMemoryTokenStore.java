package io.github.b24sip.camel.bitrix24.spi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The default store: the rotated pair lives as long as the CamelContext. */
public final class InMemoryTokenStore implements TokenStore {

    private final Map<String, TokenPair> pairs = new ConcurrentHashMap<>();

    @Override
    public TokenPair load(String portalUrl, String clientId) {
        return pairs.get(portalUrl + "|" + clientId);
    }

    @Override
    public void save(String portalUrl, String clientId, TokenPair tokens) {
        pairs.put(portalUrl + "|" + clientId, tokens);
    }
}
