package io.github.b24sip.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What to start: portals, Voximplant accounts, the shared OAuth server, the clock. */
public final class SimulatorConfig {

    String host = "127.0.0.1";
    Clock clock = Clock.systemUTC();
    final List<PortalConfig> portals = new ArrayList<>();
    final List<VoximplantConfig> voximplantAccounts = new ArrayList<>();
    Duration accessTokenTtl = Duration.ofHours(1);
    Duration refreshTokenTtl = Duration.ofDays(180);
    int oauthPort;
    int voximplantPort;
    int journalCapacity = 200_000;
    int workerThreads = 64;

    public static SimulatorConfig create() {
        return new SimulatorConfig();
    }

    /** One portal {@code demo} with default settings and one Voximplant account, as the runnable jar starts. */
    public static SimulatorConfig defaults() {
        return create().portal(PortalConfig.portal("demo")).voximplant(VoximplantConfig.account(1000001));
    }

    /** The loopback address every origin binds to (default 127.0.0.1). */
    public SimulatorConfig host(String host) {
        this.host = host;
        return this;
    }

    public SimulatorConfig clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public SimulatorConfig portal(PortalConfig portal) {
        if (portals.stream().anyMatch(p -> p.name.equals(portal.name))) {
            throw new IllegalArgumentException("two portals named '" + portal.name + "'");
        }
        portals.add(portal);
        return this;
    }

    public SimulatorConfig voximplant(VoximplantConfig account) {
        voximplantAccounts.add(account);
        return this;
    }

    /** Lifetime of OAuth access tokens (1 hour on Bitrix24). */
    public SimulatorConfig accessTokenTtl(Duration ttl) {
        this.accessTokenTtl = ttl;
        return this;
    }

    public SimulatorConfig refreshTokenTtl(Duration ttl) {
        this.refreshTokenTtl = ttl;
        return this;
    }

    public SimulatorConfig oauthPort(int port) {
        this.oauthPort = port;
        return this;
    }

    public SimulatorConfig voximplantPort(int port) {
        this.voximplantPort = port;
        return this;
    }

    /** How many requests the journal keeps (oldest dropped first). */
    public SimulatorConfig journalCapacity(int capacity) {
        this.journalCapacity = capacity;
        return this;
    }

    /** Threads answering requests, shared by every origin. */
    public SimulatorConfig workerThreads(int threads) {
        this.workerThreads = threads;
        return this;
    }
}
