package io.github.b24sip.simulator.bitrix;

import com.sun.net.httpserver.HttpServer;
import io.github.b24sip.simulator.OAuthApp;
import io.github.b24sip.simulator.PortalSettings;
import io.github.b24sip.simulator.Webhook;
import io.github.b24sip.simulator.fault.Faults;
import io.github.b24sip.simulator.http.Listeners;
import io.github.b24sip.simulator.http.ServerContext;
import io.github.b24sip.simulator.registration.Registration;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One simulated Bitrix24 portal at its own origin: its lines, users, limits and faults, and the handle tests use
 * to look at and steer it.
 */
public final class BitrixPortal implements AutoCloseable {

    final PortalSettings settings;
    final Clock clock;
    final OAuthTokens tokens;
    final ErrorStatuses statuses;
    final LeakyBucket bucket;
    final OperatingBudget budget;
    final String memberId;
    private final Faults faults = new Faults();
    private final ServerContext context;
    private final List<HttpServer> servers = new ArrayList<>();
    private String baseUrl;
    private String plainBaseUrl;

    // Line state, guarded by this
    final Map<Integer, SipLine> lines = new LinkedHashMap<>();
    int nextId = 1;
    // config 1 is the portal's built-in number
    int nextConfigId = 2;
    long nextRegId = 150_900;
    final Set<Long> brokenRegistrations = ConcurrentHashMap.newKeySet();
    final Set<Long> vanishedRegistrations = ConcurrentHashMap.newKeySet();
    /** PHONE_NAMEs of the portal's other telephony configs (rented numbers): titles must differ from them too. */
    final List<String> numberConfigNames = new ArrayList<>();
    /** The module's option {@code portal_number}: the default outgoing line's SEARCH_ID ({@link OutgoingLine}). */
    String portalNumber = "";

    volatile boolean registrationsRefused;

    private final Map<Integer, Boolean> manageNumbers = new ConcurrentHashMap<>();
    private volatile boolean restAvailable = true;
    /** Each installed application's application_token, by client id. */
    final Map<String, String> applicationTokens = new ConcurrentHashMap<>();
    /** The OAuth server's origin, for the server_endpoint of install events. */
    volatile String oauthServerUrl;

    /** Wired by the simulator once its OAuth server is up: install events name it as their server_endpoint. */
    public void useOAuthServer(String baseUrl) {
        this.oauthServerUrl = baseUrl;
    }

    private BitrixPortal(PortalSettings settings, ServerContext context, OAuthTokens tokens) {
        this.settings = settings;
        this.context = context;
        this.clock = context.clock();
        this.tokens = tokens;
        this.statuses = new ErrorStatuses(settings.errorStatus());
        this.bucket = settings.rateLimit() == null ? null : new LeakyBucket(settings.rateLimit(), clock);
        this.budget = settings.operatingLimit() == null
                ? null
                : new OperatingBudget(
                        settings.operatingLimit().toMillis() / 1000.0,
                        clock,
                        settings.operatingWindow(),
                        settings.operatingBan());
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        this.memberId = HexFormat.of().formatHex(id);
        settings.apps().forEach(tokens::registerClient);
    }

    /** Starts the portal's HTTPS listener and, unless turned off, its plain-HTTP one. */
    public static BitrixPortal start(PortalSettings settings, ServerContext context, OAuthTokens tokens) {
        BitrixPortal portal = new BitrixPortal(settings, context, tokens);
        PortalServer handler = new PortalServer(portal, context.journal());
        HttpServer https = Listeners.https(
                context.host(), settings.httpsPort(), context.tls().serverContext(), handler, context.executor());
        portal.servers.add(https);
        portal.baseUrl = Listeners.baseUrl(https, context.host());
        if (settings.plainHttp()) {
            HttpServer plain = Listeners.plain(context.host(), settings.httpPort(), handler, context.executor());
            portal.servers.add(plain);
            portal.plainBaseUrl = Listeners.baseUrl(plain, context.host());
        }
        return portal;
    }

    public String name() {
        return settings.name();
    }

    public PortalSettings settings() {
        return settings;
    }

    /** The portal's HTTPS origin, e.g. https://127.0.0.1:40123. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The portal's plain-HTTP origin on loopback, or null when it is turned off. */
    public String plainBaseUrl() {
        return plainBaseUrl;
    }

    public String memberId() {
        return memberId;
    }

    /** The first webhook: the one {@link #webhookUrl()} points at. */
    public Webhook webhook() {
        return settings.webhooks().get(0);
    }

    /** {@code https://host:port/rest/{userId}/{code}/}: contains the webhook's secret code. */
    public String webhookUrl() {
        return baseUrl + "/rest/" + webhook().userId() + "/" + webhook().code() + "/";
    }

    public String plainWebhookUrl() {
        return plainBaseUrl + "/rest/" + webhook().userId() + "/" + webhook().code() + "/";
    }

    public OAuthApp app(String clientId) {
        return settings.apps().stream()
                .filter(a -> a.clientId().equals(clientId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no application " + clientId + " on portal " + name()));
    }

    /** Installs nothing new: issues a fresh token pair for an installed application, as the install flow would. */
    public TokenPair issueTokens(String clientId) {
        return tokens.issue(name(), app(clientId));
    }

    /**
     * The administrator installs the application {@code clientId} (one of this portal's apps): the portal POSTs
     * ONAPPINSTALL with a fresh token pair and the application token to {@code handlerUrl}.
     */
    public ApplicationInstaller.Installation installApplication(String clientId, String handlerUrl) {
        return ApplicationInstaller.install(this, app(clientId), handlerUrl);
    }

    /**
     * The administrator removes the application: its tokens are revoked, then ONAPPUNINSTALL is posted with the
     * application token; {@code clean}: the administrator asked to delete the application's data.
     */
    public ApplicationInstaller.Installation uninstallApplication(String clientId, String handlerUrl, boolean clean) {
        return ApplicationInstaller.uninstall(this, app(clientId), handlerUrl, clean);
    }

    /** An ONAPPUNINSTALL of this portal with the application token given, as someone forging one would post it. */
    public ApplicationInstaller.Installation postUninstallEvent(
            String clientId, String handlerUrl, String applicationToken) {
        return ApplicationInstaller.postUninstall(this, app(clientId), handlerUrl, false, applicationToken);
    }

    /** A one-time authorization code (valid 30 s) for the authorization_code grant. */
    public String authorizationCode(String clientId) {
        return tokens.newAuthorizationCode(name(), app(clientId));
    }

    /** Expires every access token issued for this portal now. */
    public void expireAccessTokens() {
        tokens.expireAccessTokens(name());
    }

    public Faults faults() {
        return faults;
    }

    /** Every line on the portal, of every application, in creation order. */
    public synchronized List<SipLineView> lines() {
        return lines.values().stream().map(l -> l.view(clock.instant())).toList();
    }

    public synchronized List<SipLineView> linesTitled(String title) {
        return lines.values().stream()
                .filter(l -> title.equals(l.title))
                .map(l -> l.view(clock.instant()))
                .toList();
    }

    /**
     * Puts a line on the portal without a REST call, as if made in the UI ({@code appId} "") or by another
     * application; returns its CONFIG_ID.
     */
    public synchronized int addLine(
            String appId, String type, String title, String server, String login, String password) {
        return SipMethods.create(this, appId, type, title, server, login, password).configId;
    }

    /**
     * Removes one line without a REST call, as an administrator deletes it in the portal's telephony settings
     * ({@code voximplant.config.sip/ajax.php}: whichever application made it); the default outgoing line moves as
     * after a REST delete.
     */
    public synchronized void removeLine(int configId) {
        SipLine line = lineByConfigId(configId);
        lines.remove(line.id);
        OutgoingLine.deleted(this, line);
    }

    /**
     * Changes a line's fields as an administrator does in the portal's telephony settings: the config page calls
     * {@code CVoxImplantSip::Update} without APP_ID, so the line stays its application's and {@code voximplant.sip.get}
     * returns the new values. Keys: TITLE, SERVER, LOGIN, PASSWORD, AUTH_USER, OUTBOUND_PROXY, DETECT_LINE_NUMBER,
     * LINE_DETECT_HEADER_ORDER; values are stored as the module stores them (trimmed; SERVER without http(s)://). A
     * change of SERVER, LOGIN, PASSWORD, AUTH_USER or OUTBOUND_PROXY re-registers a cloud line.
     */
    public synchronized void editLine(int configId, Map<String, String> fields) {
        SipLine line = lineByConfigId(configId);
        Map<String, String> f = new LinkedHashMap<>();
        fields.forEach((k, v) -> f.put(k.toUpperCase(java.util.Locale.ROOT), v == null ? null : v.trim()));
        String before =
                line.server + "|" + line.login + "|" + line.password + "|" + line.authUser + "|" + line.outboundProxy;
        for (Map.Entry<String, String> e : f.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "TITLE" -> line.title = v;
                case "SERVER" -> line.server = SipMethods.cleanServer(v);
                case "LOGIN" -> line.login = v;
                case "PASSWORD" -> line.password = v;
                case "AUTH_USER" -> line.authUser = v;
                case "OUTBOUND_PROXY" -> line.outboundProxy = v;
                case "DETECT_LINE_NUMBER" -> line.detectLineNumber = v;
                case "LINE_DETECT_HEADER_ORDER" -> line.lineDetectHeaderOrder = v;
                default ->
                    throw new IllegalArgumentException("not a field the line's settings page edits: " + e.getKey());
            }
        }
        String after =
                line.server + "|" + line.login + "|" + line.password + "|" + line.authUser + "|" + line.outboundProxy;
        if (!before.equals(after) && line.registration != null) {
            line.storedStatusCode = 0;
            line.storedErrorMessage = "";
            line.registration.restart(
                    clock.instant(), settings.registrationRule().decide(line.server, line.login, line.password));
        }
    }

    /** The default outgoing line's id, as {@code voximplant.line.outgoing.get} answers it. */
    public synchronized String outgoingLine() {
        return OutgoingLine.current(this);
    }

    /** The default outgoing line's id of the line with this CONFIG_ID ({@code reg<REG_ID>}, an office line's login). */
    public synchronized String lineIdOf(int configId) {
        return lineByConfigId(configId).searchId();
    }

    /**
     * Sets the default outgoing line as an administrator does in the telephony settings: a line id, or {@code
     * LINK_BASE_NUMBER}; an id that names no config is refused.
     */
    public synchronized void setOutgoingLine(String lineId) {
        if (!OutgoingLine.setLineId(this, lineId)) {
            throw new IllegalArgumentException("no telephony config has the line id " + lineId);
        }
    }

    private SipLine lineByConfigId(int configId) {
        return lines.values().stream()
                .filter(l -> l.configId == configId)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no line has CONFIG_ID " + configId));
    }

    /** Removes every line. */
    public synchronized void clearLines() {
        lines.clear();
    }

    /** Grants or takes away the telephony permission "Manage numbers – modify – any" of a user. */
    public void setManageNumbers(int userId, boolean allowed) {
        manageNumbers.put(userId, allowed);
    }

    boolean canManageNumbers(int userId) {
        return manageNumbers.getOrDefault(userId, true);
    }

    /** False answers every call with ACCESS_DENIED "REST is available only on commercial plans". */
    public void setRestAvailable(boolean available) {
        this.restAvailable = available;
    }

    boolean restAvailable() {
        return restAvailable;
    }

    /** Makes deleting the line with this registration fail with REG_ID_NOT_FOUND, as a Voximplant failure does. */
    public void failRegistrationDeletion(long regId) {
        brokenRegistrations.add(regId);
    }

    /**
     * The registration is gone on the Voximplant side while the line keeps its REG_ID: {@code voximplant.sip.status}
     * answers REG_ID_NOT_FOUND (the module's GetSipRegistrations fails), and so does deleting the line.
     */
    public void vanishRegistration(long regId) {
        vanishedRegistrations.add(regId);
    }

    /**
     * True makes Voximplant refuse to create registrations: a cloud line added then keeps REG_ID 0, as the module's
     * Get() leaves it when CreateSipRegistration fails; the add itself still succeeds.
     */
    public void refuseRegistrations(boolean refused) {
        this.registrationsRefused = refused;
    }

    /** Adds another telephony config (a rented number, say) whose name a line title may not repeat. */
    public synchronized void addNumberConfig(String phoneName) {
        numberConfigNames.add(phoneName);
        nextConfigId++;
    }

    /** The registration state of a cloud line right now. */
    public synchronized Registration.State registrationState(long regId) {
        return lines.values().stream()
                .filter(l -> l.regId != null && l.regId == regId && l.registration != null)
                .findFirst()
                .map(l -> l.registration.state(clock.instant()))
                .orElseThrow(() -> new IllegalArgumentException("no registration " + regId));
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
    }

    @Override
    public String toString() {
        return "BitrixPortal[" + name() + " at " + baseUrl + "]";
    }
}
