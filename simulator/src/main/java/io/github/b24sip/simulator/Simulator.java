package io.github.b24sip.simulator;

import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.github.b24sip.simulator.bitrix.OAuthServer;
import io.github.b24sip.simulator.bitrix.OAuthTokens;
import io.github.b24sip.simulator.http.ServerContext;
import io.github.b24sip.simulator.journal.Journal;
import io.github.b24sip.simulator.tls.SelfSignedTls;
import io.github.b24sip.simulator.voximplant.PlatformApiServer;
import io.github.b24sip.simulator.voximplant.VoximplantAccount;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running simulator: Bitrix24 portals (each at its own origin), the OAuth server, and the Voximplant
 * {@code platform_api}, all on loopback over HTTPS with a certificate made at start, plus plain-HTTP listeners.
 *
 * <pre>
 * try (Simulator sim = Simulator.start(SimulatorConfig.defaults())) {
 *     String webhook = sim.portal("demo").webhookUrl();
 * }
 * </pre>
 */
public final class Simulator implements AutoCloseable {

    private final SelfSignedTls tls;
    private final Journal journal;
    private final ExecutorService executor;
    private final OAuthTokens tokens;
    private final Map<String, BitrixPortal> portals = new LinkedHashMap<>();
    private final Map<Long, VoximplantAccount> voximplantAccounts = new LinkedHashMap<>();
    private final OAuthServer oauth;
    private final PlatformApiServer platformApi;

    private Simulator(SimulatorConfig config) {
        this.tls = SelfSignedTls.generate(config.host);
        this.journal = new Journal(config.journalCapacity);
        this.executor = Executors.newFixedThreadPool(config.workerThreads, daemonThreads());
        ServerContext context = new ServerContext(config.host, config.clock, journal, executor, tls);
        this.tokens = new OAuthTokens(config.clock, config.accessTokenTtl, config.refreshTokenTtl);
        List<AutoCloseable> started = new ArrayList<>();
        try {
            for (PortalConfig p : config.portals) {
                BitrixPortal portal = BitrixPortal.start(PortalSettings.of(p), context, tokens);
                started.add(portal);
                portals.put(p.name, portal);
            }
            this.oauth = new OAuthServer(tokens, context, config.oauthPort, portals::get);
            started.add(oauth);
            portals.values().forEach(p -> p.useOAuthServer(oauth.baseUrl()));
            config.voximplantAccounts.forEach(v ->
                    voximplantAccounts.put(v.accountId, new VoximplantAccount(VoximplantSettings.of(v), config.clock)));
            this.platformApi =
                    new PlatformApiServer(List.copyOf(voximplantAccounts.values()), context, config.voximplantPort);
        } catch (RuntimeException e) {
            started.forEach(Simulator::closeQuietly);
            executor.shutdownNow();
            throw e;
        }
    }

    public static Simulator start(SimulatorConfig config) {
        return new Simulator(config);
    }

    public BitrixPortal portal(String name) {
        BitrixPortal portal = portals.get(name);
        if (portal == null) {
            throw new IllegalArgumentException("no portal named '" + name + "'; portals: " + portals.keySet());
        }
        return portal;
    }

    public Collection<BitrixPortal> portals() {
        return portals.values();
    }

    public OAuthServer oauth() {
        return oauth;
    }

    /** The OAuth server's origin, for a client's oauthServerUrl. */
    public String oauthServerUrl() {
        return oauth.baseUrl();
    }

    public VoximplantAccount voximplant(long accountId) {
        VoximplantAccount account = voximplantAccounts.get(accountId);
        if (account == null) {
            throw new IllegalArgumentException("no Voximplant account " + accountId);
        }
        return account;
    }

    public Collection<VoximplantAccount> voximplantAccounts() {
        return voximplantAccounts.values();
    }

    /** The platform_api URL, e.g. https://127.0.0.1:40001/platform_api. */
    public String voximplantApiUrl() {
        return platformApi.apiUrl();
    }

    public String voximplantPlainApiUrl() {
        return platformApi.plainApiUrl();
    }

    public Journal journal() {
        return journal;
    }

    /** The certificate every HTTPS origin presents, and client-side trust for it. */
    public SelfSignedTls tls() {
        return tls;
    }

    @Override
    public void close() {
        portals.values().forEach(Simulator::closeQuietly);
        closeQuietly(oauth);
        closeQuietly(platformApi);
        executor.shutdownNow();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing a listener that failed to start
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "b24sip-simulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
