package io.github.b24sip.camel.bitrix24.client;

/**
 * Keeps an application's token pair. Every refresh rotates the refresh token and spends the old one, so a store
 * that survives restarts (a file, a database) is what keeps an app working after one.
 */
public interface TokenStore {

    /** The stored pair for this portal and client, or null when nothing is stored yet. */
    TokenPair load(String portalUrl, String clientId);

    /** Called once per refresh with the rotated pair. */
    void save(String portalUrl, String clientId, TokenPair tokens);
}
