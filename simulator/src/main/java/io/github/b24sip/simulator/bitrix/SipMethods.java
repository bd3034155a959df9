package io.github.b24sip.simulator.bitrix;

import io.github.b24sip.simulator.PortalSettings;
import io.github.b24sip.simulator.http.PhpParams;
import io.github.b24sip.simulator.registration.Registration;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The six {@code voximplant.sip.*} methods, with the validation and quirks of the voximplant module's source
 * ({@code vi_rest.php}, {@code vi_sip.php}); simulator/README.md and docs/api-facts.md list each rule and its source.
 */
final class SipMethods {

    static final int PAGE_SIZE = 50;
    static final int MAX_FIELD_LENGTH = 100;
    private static final DateTimeFormatter LAST_UPDATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A list method's page: {@code total} and {@code next} go to the top level of the envelope. */
    record Page(List<Map<String, Object>> rows, Integer total, Integer next) {}

    private SipMethods() {}

    /**
     * As {@code sipAdd} and {@code CVoxImplantSip::Add}: the fields are checked first (CHECK_FIELDS_ERROR), then the
     * cloud-line limit (MAX_CLOUD_PBX), then the title (TITLE_EXISTS).
     */
    static Object add(BitrixPortal portal, Caller caller, Map<String, Object> raw) {
        Map<String, Object> p = upperKeys(raw);
        PortalSettings s = portal.settings;
        String typeParam = PhpParams.string(p.get("TYPE"));
        String type = typeParam == null || typeParam.isEmpty() ? SipLine.CLOUD : typeParam.toLowerCase(Locale.ROOT);
        synchronized (portal) {
            List<String> errors = new ArrayList<>();
            if (!SipLine.CLOUD.equals(type) && !SipLine.OFFICE.equals(type)) {
                errors.add("Incorrect TYPE value: cloud or office expected");
            }
            String server = cleanServer(PhpParams.string(p.get("SERVER")));
            String login = trim(PhpParams.string(p.get("LOGIN")));
            String rawPassword = PhpParams.string(p.get("PASSWORD"));
            String password = rawPassword == null ? null : rawPassword.trim();
            String title = trim(PhpParams.string(p.get("TITLE")));
            checkRequired(s, "TITLE", title, errors);
            checkSipField("SERVER", server, true, errors);
            checkSipField("LOGIN", login, true, errors);
            checkRequired(s, "PASSWORD", password, errors);
            // the module measures the password before it trims it
            checkLength("PASSWORD", rawPassword, errors);
            if (!errors.isEmpty()) {
                throw new RestException("CHECK_FIELDS_ERROR", String.join("<br> ", errors));
            }
            if (SipLine.CLOUD.equals(type) && cloudLines(portal) >= s.maxCloudPbx()) {
                throw new RestException(
                        "MAX_CLOUD_PBX", "You cannot connect more than " + s.maxCloudPbx() + " cloud PBXs.");
            }
            if (!title.isEmpty() && titleTaken(portal, title, -1)) {
                throw titleExists();
            }
            return create(portal, caller.appId(), type, title, server, login, password)
                    .addResult(portal.clock.instant());
        }
    }

    /** Stores a new line; for a cloud line the Voximplant registration starts now. Caller holds the portal lock. */
    static SipLine create(
            BitrixPortal portal,
            String appId,
            String type,
            String title,
            String server,
            String login,
            String password) {
        SipLine line = new SipLine(portal.nextId++, portal.nextConfigId++, appId == null ? "" : appId, type);
        line.title = title == null ? "" : title;
        line.server = server;
        line.login = login;
        line.password = password;
        if (line.isCloud() && !registrationCreated(portal, server)) {
            // the module keeps REG_ID 0 when Voximplant's CreateSipRegistration fails; the add still succeeds
            line.regId = 0L;
        } else if (line.isCloud()) {
            line.regId = portal.nextRegId++;
            line.registration = new Registration(
                    portal.clock.instant(),
                    portal.settings.registrationRule().decide(server, login, password),
                    portal.settings.registrationWait(),
                    portal.settings.registrationProgress());
        } else {
            line.incomingServer = "ip.b24-" + portal.memberId.substring(0, 6) + ".bitrixphone.com";
            line.incomingLogin = "sip" + line.configId;
            line.incomingPassword = randomPassword();
        }
        portal.lines.put(line.id, line);
        OutgoingLine.added(portal, line);
        return line;
    }

    /**
     * CVoxImplantHttp::CreateSipRegistration refuses a server of three characters or fewer before asking Voximplant;
     * Voximplant itself may refuse too ({@link BitrixPortal#refuseRegistrations}).
     */
    private static boolean registrationCreated(BitrixPortal portal, String server) {
        return server != null && server.codePointCount(0, server.length()) > 3 && !portal.registrationsRefused;
    }

    /**
     * As {@code sipUpdate}: a field counts as given when it is set and not null (PHP's isset). Every call with a field
     * carries NEED_UPDATE=Y, so a given SERVER, LOGIN or PASSWORD re-registers the line even when it is unchanged.
     */
    static Object update(BitrixPortal portal, Caller caller, Map<String, Object> raw) {
        Map<String, Object> p = upperKeys(raw);
        synchronized (portal) {
            SipLine line = owned(portal, caller, p);
            if (line == null) {
                throw new RestException("ERROR_NOT_FOUND", "Specified CONFIG_ID is not found", 404);
            }
            boolean anyField = isset(p, "TITLE") || isset(p, "SERVER") || isset(p, "LOGIN") || isset(p, "PASSWORD");
            if (!anyField) {
                // the module answers 1 and changes nothing
                return 1;
            }
            List<String> errors = new ArrayList<>();
            String type = PhpParams.string(p.get("TYPE"));
            // update validates TYPE without lower-casing it, unlike add
            if (type != null && !SipLine.CLOUD.equals(type) && !SipLine.OFFICE.equals(type)) {
                errors.add("Incorrect TYPE value: cloud or office expected");
            }
            String server = isset(p, "SERVER") ? cleanServer(PhpParams.string(p.get("SERVER"))) : null;
            String login = isset(p, "LOGIN") ? trim(PhpParams.string(p.get("LOGIN"))) : null;
            String rawPassword = isset(p, "PASSWORD") ? PhpParams.string(p.get("PASSWORD")) : null;
            String password = rawPassword == null ? null : rawPassword.trim();
            if (server != null) {
                checkSipField("SERVER", server, true, errors);
            }
            if (login != null) {
                checkSipField("LOGIN", login, true, errors);
            }
            checkLength("PASSWORD", rawPassword, errors);
            if (!errors.isEmpty()) {
                throw new RestException("CHECK_FIELDS_ERROR", String.join("<br> ", errors));
            }
            String title = isset(p, "TITLE") ? trim(PhpParams.string(p.get("TITLE"))) : null;
            if (title != null && !title.isEmpty() && titleTaken(portal, title, line.id)) {
                throw titleExists();
            }
            if (title != null) {
                line.title = title;
            }
            boolean sipFieldGiven = server != null || login != null || password != null;
            if (server != null) {
                line.server = server;
            }
            if (login != null) {
                line.login = login;
            }
            if (password != null) {
                line.password = password;
            }
            if (sipFieldGiven) {
                line.storedStatusCode = 0;
                line.storedErrorMessage = "";
                if (line.registration != null) {
                    line.registration.restart(
                            portal.clock.instant(),
                            portal.settings.registrationRule().decide(line.server, line.login, line.password));
                }
            }
            return 1;
        }
    }

    static Object delete(BitrixPortal portal, Caller caller, Map<String, Object> raw) {
        Map<String, Object> p = upperKeys(raw);
        synchronized (portal) {
            SipLine line = owned(portal, caller, p);
            if (line == null) {
                // 400 here, where update answers 404
                throw new RestException("ERROR_NOT_FOUND", "Specified CONFIG_ID is not found", 400);
            }
            // the module deletes the Voximplant registration first, when the line has one
            if (line.regId != null
                    && line.regId > 0
                    && (portal.brokenRegistrations.contains(line.regId)
                            || portal.vanishedRegistrations.contains(line.regId))) {
                throw new RestException("REG_ID_NOT_FOUND", "Settings not found");
            }
            portal.lines.remove(line.id);
            OutgoingLine.deleted(portal, line);
            return 1;
        }
    }

    static Page get(BitrixPortal portal, Caller caller, Map<String, Object> raw) {
        Map<String, Object> p = upperKeys(raw);
        SipFilter filter = new SipFilter(p.get("FILTER"));
        filter.restrictToApp(caller.appId());
        var order = SipFilter.order(PhpParams.string(p.get("SORT")), PhpParams.string(p.get("ORDER")));
        // the REST server reads the page offset from lower-case start only; START is just an ignored parameter
        int start = Math.max(0, parseInt(PhpParams.string(raw.get("start"))));
        Instant now = portal.clock.instant();
        List<SipLine> matching = new ArrayList<>();
        synchronized (portal) {
            Map<SipLine, Map<String, String>> fields = new LinkedHashMap<>();
            portal.lines.values().forEach(l -> fields.put(l, l.filterFields(now)));
            fields.entrySet().stream()
                    .filter(e -> filter.matches(e.getValue()))
                    .sorted((a, b) -> order.compare(a.getValue(), b.getValue()))
                    .forEach(e -> matching.add(e.getKey()));
            List<Map<String, Object>> rows = new ArrayList<>(matching.stream()
                    .skip(start)
                    .limit(PAGE_SIZE)
                    .map(l -> l.getRow(now))
                    .toList());
            if (portal.settings.reversedAnswers() && PhpParams.string(p.get("SORT")) == null) {
                Collections.reverse(rows);
            }
            int total = matching.size();
            if (total == 0) {
                // the module returns a bare empty array: no total, no next
                return new Page(rows, null, null);
            }
            Integer next = start + rows.size() < total ? start + PAGE_SIZE : null;
            return new Page(rows, total, next);
        }
    }

    static Object status(BitrixPortal portal, Map<String, Object> raw) {
        Map<String, Object> p = upperKeys(raw);
        long regId = parseLong(PhpParams.string(p.get("REG_ID")));
        Instant now = portal.clock.instant();
        synchronized (portal) {
            // status does not check which application owns the line
            // REG_ID 0 (never created) and a registration gone at Voximplant are both unknown to GetSipRegistrations
            SipLine line = portal.lines.values().stream()
                    .filter(l ->
                            l.registration != null && l.regId == regId && !portal.vanishedRegistrations.contains(regId))
                    .findFirst()
                    .orElseThrow(() -> new RestException("REG_ID_NOT_FOUND", "Settings not found"));
            Registration.State state = line.registration.state(now);
            line.storedStatusCode = state.statusCode();
            line.storedErrorMessage = state.errorMessage();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("REG_ID", regId);
            result.put("LAST_UPDATED", LAST_UPDATED.format(state.lastUpdated()));
            result.put("ERROR_MESSAGE", state.errorMessage());
            // Voximplant has no status code before the provider's final answer
            result.put("STATUS_CODE", state.isFinal() ? state.statusCode() : null);
            result.put("STATUS_RESULT", state.result());
            return result;
        }
    }

    static Object connectorStatus(BitrixPortal portal) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("FREE_MINUTES", portal.settings.connectorFreeMinutes());
        result.put("PAID", portal.settings.connectorPaid());
        if (portal.settings.connectorPaid()) {
            result.put(
                    "PAID_DATE_END",
                    ISO.format(portal.clock.instant().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS)));
        }
        return result;
    }

    private static SipLine owned(BitrixPortal portal, Caller caller, Map<String, Object> p) {
        long configId = parseLong(PhpParams.string(p.get("CONFIG_ID")));
        return portal.lines.values().stream()
                .filter(l -> l.configId == configId && l.appId.equals(caller.appId()))
                .findFirst()
                .orElse(null);
    }

    private static long cloudLines(BitrixPortal portal) {
        return portal.lines.values().stream().filter(SipLine::isCloud).count();
    }

    /**
     * The module looks the title up among every telephony config's PHONE_NAME (rented numbers too) with an ORM
     * {@code =} filter; the portal database's collation compares text without regard to case.
     */
    private static boolean titleTaken(BitrixPortal portal, String title, int exceptId) {
        return portal.lines.values().stream().anyMatch(l -> l.id != exceptId && title.equalsIgnoreCase(l.title))
                || portal.numberConfigNames.stream().anyMatch(title::equalsIgnoreCase);
    }

    private static RestException titleExists() {
        return new RestException("TITLE_EXISTS", "A line with this name already exists.");
    }

    private static void checkRequired(PortalSettings s, String field, String value, List<String> errors) {
        if (s.requiredAddFields().contains(field) && (value == null || value.isEmpty())) {
            errors.add("Field " + field + " is required");
        }
    }

    private static void checkSipField(String field, String value, boolean required, List<String> errors) {
        if (required && (value == null || value.isEmpty())) {
            errors.add("Field " + field + " is empty");
        }
        checkLength(field, value, errors);
    }

    private static void checkLength(String field, String value, List<String> errors) {
        if (value != null && value.length() > MAX_FIELD_LENGTH) {
            errors.add("Field " + field + " is longer than " + MAX_FIELD_LENGTH + " characters");
        }
    }

    /**
     * SERVER as PrepareFields stores it: trimmed, then every {@code http://} and {@code https://} removed wherever it
     * stands (PHP's str_replace: case-sensitive, one pass per needle, in that order).
     */
    static String cleanServer(String server) {
        return trim(server).replace("http://", "").replace("https://", "");
    }

    /** PHP's isset: present and not null. */
    private static boolean isset(Map<String, Object> p, String key) {
        return p.get(key) != null;
    }

    /** Parameter names of these methods are case-insensitive: the module upper-cases them. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> upperKeys(Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k.toUpperCase(Locale.ROOT), v));
        return out;
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    static int parseInt(String s) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, parseLong(s)));
    }

    /** PHP's (int) cast: leading digits count, anything else is 0. */
    static long parseLong(String s) {
        if (s == null) {
            return 0;
        }
        String t = s.trim();
        int end = 0;
        if (end < t.length() && (t.charAt(end) == '-' || t.charAt(end) == '+')) {
            end++;
        }
        while (end < t.length() && Character.isDigit(t.charAt(end))) {
            end++;
        }
        try {
            return end == 0 || (end == 1 && !Character.isDigit(t.charAt(0))) ? 0 : Long.parseLong(t.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String randomPassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder sb = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
