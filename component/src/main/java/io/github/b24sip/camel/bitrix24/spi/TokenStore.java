package io.github.b24sip.camel.bitrix24.spi;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Keeps an application's token pair. Every refresh rotates the refresh token and spends the old one, so a store
 * that survives restarts (a file, a database) is what keeps an app working after one.
 *
 * <p>Several processes may share one store (copies of an app, each with the same application): then a refresh must
 * happen once, under a lock every copy respects, and a copy that finds the pair already rotated adopts it instead of
 * spending the old refresh token again. {@link #refresh} is that step; a store shared across processes overrides it
 * with a lock of its own (a database row lock, say). The default holds this object's monitor, enough within one
 * process.
 */
public interface TokenStore {

    /** The stored pair for this portal and client, or null when nothing is stored yet. */
    TokenPair load(String portalUrl, String clientId);

    /** Called with each rotated pair that {@link #refresh} did not already store. */
    void save(String portalUrl, String clientId, TokenPair tokens);

    /**
     * One refresh, exclusive across every holder of the store: reads the stored pair; when it is no longer the pair
     * {@code seen} (another holder rotated it), returns it unchanged; otherwise calls {@code rotate} with it, stores
     * the rotated pair and returns it. {@code seen} stands in while nothing is stored yet.
     */
    default TokenPair refresh(String portalUrl, String clientId, TokenPair seen, UnaryOperator<TokenPair> rotate) {
        synchronized (this) {
            TokenPair stored = load(portalUrl, clientId);
            if (stored != null && !Objects.equals(stored.accessToken(), seen.accessToken())) {
                return stored;
            }
            TokenPair rotated = rotate.apply(stored != null ? stored : seen);
            save(portalUrl, clientId, rotated);
            return rotated;
        }
    }
}
