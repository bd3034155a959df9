package io.github.b24sip.simulator;

import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.github.b24sip.simulator.bitrix.TokenPair;
import io.github.b24sip.simulator.voximplant.ServiceAccountKey;
import io.github.b24sip.simulator.voximplant.VoximplantAccount;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar bitrix24-sip-simulator-<version>-all.jar [options]}: starts the simulator and prints where it is.
 */
public final class Main {

    private static final String USAGE = """
            Usage: java -jar bitrix24-sip-simulator-<version>-all.jar [options]
              --portal NAME              add a portal (repeatable; default: one portal named demo)
              --portals N                add N portals named demo, portal2, portal3, ...
              --host ADDRESS             loopback address to bind (default 127.0.0.1)
              --https-port P             HTTPS port of the first portal, then P+1, ... (default: free ports)
              --http-port P              plain-HTTP port of the first portal, then P+1, ... (default: free ports)
              --no-plain-http            no plain-HTTP listeners for the portals
              --oauth-port P             port of the OAuth server (default: a free port)
              --voximplant-port P        port of the Voximplant platform_api (default: a free port)
              --plan standard|enterprise|none   leaky bucket (default standard: 50, 2 per s)
              --bucket N --drain R       a custom bucket: N requests, draining R per second
              --operating-limit S        operating-time budget per method in seconds over 10 min (0: off; default 480)
              --operating-ban S          the current module's model: over the limit, the method is banned S seconds
                                         (the module's 300) and batch counts at half weight (default: sliding window)
              --processing-ms MS         simulated server time of every call (default 0)
              --max-cloud N              cloud SIP lines per portal (default 10, the module source; the seed says 5)
              --required-add-fields F,.. fields voximplant.sip.add requires (default SERVER,LOGIN, the module source;
                                         the seed: TITLE,SERVER,LOGIN,PASSWORD)
              --registration-wait-ms MS  time a registration stays 'wait' (default 2000)
              --registration-progress-ms MS  time it then stays 'in_progress' (default 3000)
              --webhook-code CODE        the first webhook's code (default: random)
              --app CLIENT_ID:SECRET     install an OAuth application on every portal and print a token pair
              --install-to URL           with --app: every portal installs the application by POSTing ONAPPINSTALL
                                         (form-encoded, as a portal does) to URL, e.g. http://localhost:8080/bitrix24/events
              --access-token-ttl S       OAuth access token lifetime in seconds (default 3600)
              --require-https            refuse webhook calls over plain HTTP, as a real portal does
              --cert-out FILE            write the certificate (PEM), e.g. for curl --cacert
              --credentials-out FILE     write a Voximplant service-account credentials.json
              --help
            """;

    private Main() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bitrix24-sip-simulator: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.print(USAGE);
            return;
        }
        Simulator simulator = Simulator.start(options.config());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            simulator.close();
                            stopped.countDown();
                        },
                        "simulator-shutdown"));
        print(simulator, options, System.out);
        stopped.await();
    }

    static void print(Simulator simulator, Options options, PrintStream out) throws IOException {
        out.println("bitrix24-sip-simulator started");
        for (BitrixPortal portal : simulator.portals()) {
            out.println("portal " + portal.name());
            out.println("  https:   " + portal.baseUrl());
            if (portal.plainBaseUrl() != null) {
                out.println("  http:    " + portal.plainBaseUrl());
            }
            out.println("  webhook: " + portal.webhookUrl() + "  (user "
                    + portal.webhook().userId() + ", code " + portal.webhook().code() + ")");
            if (options.appClientId != null && options.installTo != null) {
                var installed = portal.installApplication(options.appClientId, options.installTo);
                out.println("  installed app " + options.appClientId + " at " + options.installTo + ": HTTP "
                        + installed.status() + " " + installed.answer());
            } else if (options.appClientId != null) {
                TokenPair tokens = portal.issueTokens(options.appClientId);
                out.println("  oauth app " + options.appClientId + ": access_token " + tokens.accessToken()
                        + " refresh_token " + tokens.refreshToken());
            }
        }
        out.println("oauth server: " + simulator.oauthServerUrl());
        for (VoximplantAccount account : simulator.voximplantAccounts()) {
            out.println("voximplant platform_api: " + simulator.voximplantApiUrl() + "  (account " + account.accountId()
                    + ", api_key " + account.apiKey() + ")");
            if (options.credentialsOut != null) {
                ServiceAccountKey key = account.newServiceAccountKey();
                key.writeCredentials(options.credentialsOut);
                out.println(
                        "  service-account credentials: " + options.credentialsOut + " (key_id " + key.keyId() + ")");
            }
        }
        if (options.certOut != null) {
            simulator.tls().writePem(options.certOut);
            out.println("certificate: " + options.certOut + "  (curl --cacert " + options.certOut + ", or curl -k)");
        }
        out.println(
                "try: curl -k -X POST " + simulator.portals().iterator().next().webhookUrl()
                        + "voximplant.sip.add.json -H 'Content-Type: application/json' "
                        + "-d '{\"TITLE\":\"a\",\"SERVER\":\"sip.example.com\",\"LOGIN\":\"l\",\"PASSWORD\":\"p\"}'");
        out.println("Press Ctrl+C to stop.");
        out.flush();
    }

    /** The command line, read into a {@link SimulatorConfig}. */
    static final class Options {
        final List<String> names = new ArrayList<>();
        String host = "127.0.0.1";
        int httpsPort;
        int httpPort;
        boolean plainHttp = true;
        int oauthPort;
        int voximplantPort;
        RateLimit rateLimit = RateLimit.standard();
        Duration operatingLimit = Duration.ofSeconds(480);
        Duration operatingBan;
        Duration processing = Duration.ZERO;
        int maxCloud = 10;
        String[] requiredFields;
        Duration registrationWait = Duration.ofSeconds(2);
        Duration registrationProgress = Duration.ofSeconds(3);
        String webhookCode;
        String appClientId;
        String appSecret;
        String installTo;
        Duration accessTokenTtl = Duration.ofHours(1);
        boolean requireHttps;
        Path certOut;
        Path credentialsOut;
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            Integer bucket = null;
            Double drain = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--help", "-h" -> o.help = true;
                    case "--portal" -> o.names.add(value(args, ++i, a));
                    case "--portals" -> {
                        int n = number(value(args, ++i, a), a);
                        for (int k = 1; k <= n; k++) {
                            o.names.add(k == 1 ? "demo" : "portal" + k);
                        }
                    }
                    case "--host" -> o.host = value(args, ++i, a);
                    case "--https-port" -> o.httpsPort = number(value(args, ++i, a), a);
                    case "--http-port" -> o.httpPort = number(value(args, ++i, a), a);
                    case "--no-plain-http" -> o.plainHttp = false;
                    case "--oauth-port" -> o.oauthPort = number(value(args, ++i, a), a);
                    case "--voximplant-port" -> o.voximplantPort = number(value(args, ++i, a), a);
                    case "--plan" -> o.rateLimit = RateLimit.plan(value(args, ++i, a));
                    case "--bucket" -> bucket = number(value(args, ++i, a), a);
                    case "--drain" -> drain = decimal(value(args, ++i, a), a);
                    case "--operating-limit" -> {
                        int s = number(value(args, ++i, a), a);
                        o.operatingLimit = s == 0 ? null : Duration.ofSeconds(s);
                    }
                    case "--operating-ban" -> o.operatingBan = Duration.ofSeconds(number(value(args, ++i, a), a));
                    case "--processing-ms" -> o.processing = Duration.ofMillis(number(value(args, ++i, a), a));
                    case "--max-cloud" -> o.maxCloud = number(value(args, ++i, a), a);
                    case "--required-add-fields" ->
                        o.requiredFields = value(args, ++i, a).split(",");
                    case "--registration-wait-ms" ->
                        o.registrationWait = Duration.ofMillis(number(value(args, ++i, a), a));
                    case "--registration-progress-ms" ->
                        o.registrationProgress = Duration.ofMillis(number(value(args, ++i, a), a));
                    case "--webhook-code" -> o.webhookCode = value(args, ++i, a);
                    case "--app" -> {
                        String[] parts = value(args, ++i, a).split(":", 2);
                        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                            throw new IllegalArgumentException("--app takes CLIENT_ID:SECRET");
                        }
                        o.appClientId = parts[0];
                        o.appSecret = parts[1];
                    }
                    case "--install-to" -> o.installTo = value(args, ++i, a);
                    case "--access-token-ttl" -> o.accessTokenTtl = Duration.ofSeconds(number(value(args, ++i, a), a));
                    case "--require-https" -> o.requireHttps = true;
                    case "--cert-out" -> o.certOut = Path.of(value(args, ++i, a));
                    case "--credentials-out" -> o.credentialsOut = Path.of(value(args, ++i, a));
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (bucket != null || drain != null) {
                if (bucket == null || drain == null) {
                    throw new IllegalArgumentException("--bucket and --drain go together");
                }
                o.rateLimit = RateLimit.custom(bucket, drain);
            }
            if (o.installTo != null && o.appClientId == null) {
                throw new IllegalArgumentException("--install-to needs --app CLIENT_ID:SECRET");
            }
            if (o.names.isEmpty()) {
                o.names.add("demo");
            }
            return o;
        }

        SimulatorConfig config() {
            SimulatorConfig config = SimulatorConfig.create()
                    .host(host)
                    .oauthPort(oauthPort)
                    .voximplantPort(voximplantPort)
                    .accessTokenTtl(accessTokenTtl)
                    .voximplant(VoximplantConfig.account(1000001));
            for (int i = 0; i < names.size(); i++) {
                PortalConfig p = PortalConfig.portal(names.get(i))
                        .httpsPort(httpsPort == 0 ? 0 : httpsPort + i)
                        .httpPort(httpPort == 0 ? 0 : httpPort + i)
                        .plainHttp(plainHttp)
                        .requireHttps(requireHttps)
                        .rateLimit(rateLimit)
                        .operatingLimit(operatingLimit)
                        .operatingBan(operatingBan)
                        .processingTime(processing)
                        .maxCloudPbx(maxCloud)
                        .registrationDelays(registrationWait, registrationProgress);
                if (requiredFields != null) {
                    p.requiredAddFields(requiredFields);
                }
                if (webhookCode != null && i == 0) {
                    p.webhook(1, webhookCode);
                }
                if (appClientId != null) {
                    p.app(new OAuthApp(appClientId, appSecret));
                }
                config.portal(p);
            }
            return config;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int number(String s, String option) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a whole number, not '" + s + "'");
            }
        }

        private static double decimal(String s, String option) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a number, not '" + s + "'");
            }
        }
    }
}
