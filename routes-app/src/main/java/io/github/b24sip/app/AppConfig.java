package io.github.b24sip.app;

import io.github.b24sip.camel.bitrix24.RateLimitPlan;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The application's own settings (prefix {@code b24sip}); the routes read the same keys as {@code {{placeholders}}}.
 */
@ConfigMapping(prefix = "b24sip")
public interface AppConfig {

    /** Portals by name; at least one, unless {@link #demo()}. */
    Map<String, PortalSettings> portals();

    Voximplant voximplant();

    /** Voximplant accounts whose SIP registrations the app keeps in step and follows. */
    interface Voximplant {
        Map<String, AccountSettings> accounts();
    }

    /** One account: a service account's credentials.json, as a file or (from the environment) as its content. */
    interface AccountSettings {
        /** The credentials.json file; it must be readable by the app's user only. */
        Optional<String> credentialsFile();

        /** The credentials.json content, e.g. ${VOXIMPLANT_CREDENTIALS}; instead of credentials-file. */
        Optional<String> credentials();

        @WithDefault("https://api.voximplant.com/platform_api")
        String apiUrl();

        Optional<String> trustStoreFile();

        Optional<String> trustStorePassword();

        /** observe, repair or off for this account's registrations; b24sip.drift.policy when not set. */
        Optional<String> driftPolicy();
    }

    /**
     * Run the embedded simulator's demo portal when no portal is configured. Off by default, so that a deployment whose
     * portal settings are missing or mistyped refuses to start instead of applying files to a fake portal.
     */
    @WithDefault("false")
    boolean demo();

    /**
     * With {@link #demo()}: also start an embedded JMS broker (ActiveMQ Artemis, nothing persisted) at {@code
     * b24sip.jms.url} and take commands from it, so commands can be tried without installing a broker.
     */
    @WithDefault("false")
    boolean demoBrokers();

    /**
     * The portal (name, domain or member_id) that CSV rows and commands without a portal go to. Unset, they must name
     * one; the demo's portal is the default in the demo.
     */
    Optional<String> defaultPortal();

    /** Where OAuth portals keep their rotated token pair, one file per portal. */
    @WithDefault("data/tokens")
    String tokenDir();

    /**
     * The only folder a portal given through the portal API may name a trust store file in (by name, or by a path
     * inside it): owner-only, regular files, no symbolic links. Portals of {@code b24sip.portals.*} are the operator's
     * own and may name any file; an API caller may also give the certificates as {@code trust-store-pem}.
     */
    @WithDefault("data/trust-stores")
    String trustStoreDir();

    Csv csv();

    Kafka kafka();

    Jms jms();

    Status status();

    Api api();

    Cluster cluster();

    Routes routes();

    Page page();

    Secrets secrets();

    Application application();

    /**
     * Application mode: one Bitrix24 application (local or from the marketplace) whose installs bring their portals
     * in, at {@code POST /bitrix24/events}.
     */
    interface Application {
        /** The application's client id; unset = application mode off (the events handler answers 404). */
        Optional<String> clientId();

        /** The application's client secret; from the environment. Sent to the OAuth server only. */
        Optional<String> clientSecret();

        /** The OAuth server installs are confirmed at and tokens refreshed at. */
        @WithDefault("https://oauth.bitrix.info")
        String oauthServerUrl();

        /** A PKCS12 trust store for the OAuth server and the installed portals (a private CA, the simulator). */
        Optional<String> trustStoreFile();

        Optional<String> trustStorePassword();

        /** The rate-limit plan of installed portals: standard, enterprise or none. */
        @WithDefault("standard")
        RateLimitPlan rateLimitPlan();

        /**
         * How long an install's sender waits for its answer: past it, 503 (send again), while the confirmation goes on
         * and its answer is kept, so the event sent again is answered from it.
         */
        @WithDefault("20s")
        Duration installWait();

        /**
         * Installs the OAuth server refused (forged ones) that one source address may send in a minute; past it, its
         * posts to /bitrix24/events are answered 429 until the minute ends.
         */
        @WithDefault("20")
        int refusedInstalls();
    }

    PortalStore portalStore();

    Drift drift();

    /** Sealing of the secrets the app stores: tokens, webhook codes, application tokens. */
    interface Secrets {
        /**
         * The AES-256 key, the base64 of 32 random bytes ({@code openssl rand -base64 32}); take it from the
         * environment ({@code B24SIP_SECRETS_KEY}). Required as soon as the app stores a secret.
         */
        Optional<String> key();

        /** Keys that sealed values earlier: they still open them, and the values are sealed again with the key. */
        Optional<List<String>> previousKeys();
    }

    /** What was declared for each portal's lines, and what the app does when a portal drifts from it. */
    interface Drift {
        /**
         * observe (report a drift, change nothing), repair (also put the declared lines back) or off, for every portal
         * that sets none of its own ({@code b24sip.portals.<name>.drift-policy}).
         */
        @WithDefault("observe")
        String policy();

        /** One instance without a database keeps the declared lines in this folder, one file per portal. */
        @WithDefault("data/declared")
        String dir();

        /** Repairs of one line within an hour after which it is repaired no more until resumed or declared anew. */
        @WithDefault("3")
        int repairsPerHour();

        /**
         * How long after a portal's declaration changed its polls do not judge drift: whichever instance took the CSV
         * file or command may still be writing it to the portal.
         */
        @WithDefault("30s")
        Duration settle();
    }

    /** Portals added at run time (the portal API, application installs). */
    interface PortalStore {
        /**
         * One instance without a database keeps them in this folder, one file per portal, owner-only, secrets sealed.
         */
        @WithDefault("data/portals")
        String dir();

        /** How often every instance looks for portals added or removed elsewhere. */
        @WithDefault("5s")
        Duration refresh();
    }

    /** The operator page at /. */
    interface Page {
        /** How often every portal's lines (office lines too) and connector are read for the page; 0 = never. */
        @WithDefault("5m")
        Duration inventoryDelay();

        /** Recent state changes kept per line for its timeline. */
        @WithDefault("8")
        int timeline();
    }

    /** Integrators' own flows, added without rebuilding the app. */
    interface Routes {
        /**
         * A directory whose {@code *.yaml} files are loaded as Camel YAML DSL routes at start-up, after the app's own;
         * unset = none. A file that does not load stops the start-up, naming the file.
         */
        Optional<String> dir();
    }

    /** This instance's name in logs and the metrics' instance tag; host name and process id by default. */
    Optional<String> instance();

    /** Several instances sharing the store (on when a datasource URL is set). */
    interface Cluster {
        /** How often an instance says it is alive and takes or gives status pollers' leadership. */
        @WithDefault("1s")
        Duration heartbeat();

        /**
         * Pollers are led by shard: each portal's status poller and each account's registration poller belongs to one
         * of this many shards (a stable hash of its name), one lease per shard; an instance polls what the shards it
         * leads hold. The same on every instance; more shards spread more evenly, fewer cost fewer statements.
         */
        @WithDefault("64")
        int shards();

        /**
         * How long a status poller's leadership lasts on the database's clock after its holder last renewed it: an
         * instance that died (or is cut off) is replaced after at most this long.
         */
        @WithDefault("8s")
        Duration leaseDuration();

        /**
         * A leader that has not renewed its leadership within this long stops its pollers on its own; below
         * lease-duration, so it has stopped before another instance can take over.
         */
        @WithDefault("5s")
        Duration renewDeadline();

        /**
         * A CSV file claimed by an instance that died is claimable again after this long; the instance applying a file
         * renews its claim every third of it.
         */
        @WithDefault("30m")
        Duration csvClaimTimeout();
    }

    /** The HTTP API, the operator page and /q/metrics: operators' paths, never the internet's. */
    interface Api {
        /** When set, /api/* requires {@code Authorization: Bearer <token>}, and the page and /q/metrics ask for it. */
        Optional<String> token();

        /**
         * Without a token, the API, the page and /q/metrics answer only requests from a loopback address; true says the
         * network in front of them is trusted and opens them to it without one.
         */
        @WithDefault("false")
        boolean open();

        /** How long an operator page's sign-in lasts; a sign-out ends it sooner. */
        @WithDefault("8h")
        Duration sessionTimeout();

        /**
         * Failed sign-ins and refused tokens (401) a source address may have in a minute; past it, its requests to the
         * API, the page and /q/metrics are answered 429 until the minute ends.
         */
        @WithDefault("10")
        int guessLimit();
    }

    interface PortalSettings {
        /** e.g. https://example.bitrix24.com */
        String url();

        Optional<String> userId();

        Optional<String> token();

        Optional<String> clientId();

        Optional<String> clientSecret();

        Optional<String> accessToken();

        Optional<String> refreshToken();

        Optional<String> oauthServerUrl();

        /** A PKCS12 trust store for a portal behind a private CA (or the simulator). */
        Optional<String> trustStoreFile();

        Optional<String> trustStorePassword();

        /** Or the CA certificates themselves, as PEM text (one or more BEGIN CERTIFICATE blocks). */
        Optional<String> trustStorePem();

        /** standard, enterprise or none. */
        @WithDefault("standard")
        RateLimitPlan rateLimitPlan();

        /** Overrides the plan's bucket size. */
        Optional<Integer> burstLimit();

        /** Overrides the plan's drain rate, requests per second. */
        Optional<Double> drainRate();

        /** observe, repair or off: this portal's drift policy, overriding b24sip.drift.policy. */
        Optional<String> driftPolicy();
    }

    interface Csv {
        @WithDefault("data/inbox")
        String dir();

        /** Prune lines absent from each file (also chosen per file by the suffix .mirror.csv). */
        @WithDefault("false")
        boolean mirror();

        /** Plan only (also chosen per file by the suffix .dryrun.csv). */
        @WithDefault("false")
        boolean dryRun();

        /** Between looks at the inbox: a duration ({@code 1s}), or a plain number of milliseconds. */
        @WithDefault("1s")
        @WithConverter(MillisOrDuration.class)
        Duration delay();

        /**
         * How many portals a file is applied to at once; each portal's rows still go one chunk after another, under
         * the portal's own rate limit.
         */
        @WithDefault("16")
        int parallelPortals();

        /**
         * Files (and /api/sync uploads) larger than this are refused unread. A dropped file is read as a stream (memory
         * does not grow with it), an upload is held whole; the default, some 150,000 rows, is far more lines than a
         * portal holds.
         */
        /** Its default is in application.properties, where quarkus.http.limits.max-body-size reads it too. */
        MemorySize maxFileSize();

        /**
         * What is kept of an applied file in {@code done/} (a folder only the app's user can open): {@code redacted},
         * the file with its passwords replaced by ***; {@code removed}, nothing; {@code original}, the file as it came.
         */
        @WithDefault("redacted")
        CsvArchive archive();
    }

    Commands commands();

    /** What Kafka and JMS commands share. */
    interface Commands {
        /** Retries of a command that failed for a transient reason (network, rate limit) before it is dead-lettered. */
        @WithDefault("2")
        int retries();

        @WithDefault("1s")
        @WithConverter(MillisOrDuration.class)
        Duration retryDelay();

        /** A command is one line, a few hundred bytes: a payload larger than this is dead-lettered unparsed. */
        @WithDefault("64K")
        MemorySize maxSize();
    }

    interface Kafka {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("sip-line-commands")
        String commandsTopic();

        @WithDefault("sip-line-results")
        String resultsTopic();

        @WithDefault("sip-line-commands-dlq")
        String deadLetterTopic();

        @WithDefault("bitrix24-sip-routes")
        String groupId();

        /** Records fetched per poll: few, so a slow portal cannot keep a consumer past max.poll.interval.ms. */
        @WithDefault("50")
        int maxPollRecords();
    }

    interface Jms {
        /** Defaults that the demo's broker reads before this mapping exists ({@code demo/DemoBroker}). */
        String DEFAULT_URL = "tcp://localhost:61616";

        String DEFAULT_COMMANDS_QUEUE = "sip.line.commands";
        String DEFAULT_RESULTS_QUEUE = "sip.line.results";

        @WithDefault("false")
        boolean enabled();

        @WithDefault(DEFAULT_URL)
        String url();

        Optional<String> user();

        Optional<String> password();

        @WithDefault(DEFAULT_COMMANDS_QUEUE)
        String commandsQueue();

        @WithDefault(DEFAULT_RESULTS_QUEUE)
        String resultsQueue();

        @WithDefault("sip.line.commands.dlq")
        String deadLetterQueue();

        /** Deliveries of a command that fails for a transient reason before it goes to the dead-letter queue. */
        @WithDefault("3")
        int maxDeliveries();
    }

    interface Status {
        /** Between status polls of each portal: a duration ({@code 30s}), or a plain number of milliseconds. */
        @WithDefault("30s")
        @WithConverter(MillisOrDuration.class)
        Duration delay();

        @WithDefault("true")
        boolean log();

        /** Kafka topic for status events; unset = off. */
        Optional<String> kafkaTopic();

        Optional<String> jmsTopic();

        /** An HTTP(S) URL that receives each event as a POSTed JSON object; unset = off. */
        Optional<String> httpUrl();

        /** A JSON-lines file that each event is appended to; unset = off. */
        Optional<String> file();

        /**
         * More endpoints that receive each event as a JSON string, e.g. {@code direct:audit} served by a route of
         * {@code b24sip.routes.dir}; unset = none.
         */
        Optional<List<String>> to();
    }
}
