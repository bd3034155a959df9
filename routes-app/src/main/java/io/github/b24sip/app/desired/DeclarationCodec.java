package io.github.b24sip.app.desired;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.secret.SecretSealer;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Declarations and drift records as JSON at rest, each line's password sealed (context: portal and title key). */
final class DeclarationCodec {

    private final Supplier<SecretSealer> sealer;
    private final ObjectMapper json;

    /**
     * The last declaration read of each portal and account, by the stored text it was read from: each status poll
     * reads its portal's declaration, and opening every sealed password and parsing the JSON at every poll would cost
     * more than the poll's own requests; an unchanged text is not opened again.
     */
    private final Map<String, Opened> opened = new ConcurrentHashMap<>();

    @RegisterForReflection
    private record Opened(String text, Object value) {}

    DeclarationCodec(Supplier<SecretSealer> sealer, ObjectMapper json) {
        this.sealer = sealer;
        this.json = json;
    }

    String write(PortalDeclaration declaration) {
        Map<String, DeclaredLine> sealed = new LinkedHashMap<>();
        declaration
                .lines()
                .forEach((key, line) -> sealed.put(
                        key,
                        line.password() == null
                                ? line
                                : line.withPassword(
                                        sealer.get().seal(line.password(), context(declaration.portal(), key)))));
        return text(declaration.withLines(sealed));
    }

    PortalDeclaration readDeclaration(String portal, String text) {
        Opened cached = opened.get(portal);
        if (cached != null && cached.text().equals(text) && cached.value() instanceof PortalDeclaration d) {
            return d;
        }
        PortalDeclaration read = open(portal, text);
        opened.put(portal, new Opened(text, read));
        return read;
    }

    private PortalDeclaration open(String portal, String text) {
        PortalDeclaration stored = parse(text, PortalDeclaration.class);
        Map<String, DeclaredLine> open = new LinkedHashMap<>();
        stored.lines()
                .forEach((key, line) -> open.put(
                        key,
                        line.password() == null
                                ? line
                                : line.withPassword(sealer.get().open(line.password(), context(portal, key)))));
        return new PortalDeclaration(
                portal, stored.mirror(), stored.mirrorOrigin(), open, stored.outgoing(), stored.changedAt());
    }

    String write(AccountDeclaration declaration) {
        Map<String, DeclaredRegistration> sealed = new LinkedHashMap<>();
        declaration
                .registrations()
                .forEach((key, r) -> sealed.put(
                        key,
                        r.password() == null
                                ? r
                                : r.withPassword(sealer.get()
                                        .seal(r.password(), registrationContext(declaration.account(), key)))));
        return text(declaration.withRegistrations(sealed));
    }

    AccountDeclaration readAccount(String account, String text) {
        String key = DeclarationStore.accountKey(account);
        Opened cached = opened.get(key);
        if (cached != null && cached.text().equals(text) && cached.value() instanceof AccountDeclaration d) {
            return d;
        }
        AccountDeclaration read = openAccount(account, text);
        opened.put(key, new Opened(text, read));
        return read;
    }

    private AccountDeclaration openAccount(String account, String text) {
        AccountDeclaration stored = parse(text, AccountDeclaration.class);
        Map<String, DeclaredRegistration> open = new LinkedHashMap<>();
        stored.registrations()
                .forEach((key, r) -> open.put(
                        key,
                        r.password() == null
                                ? r
                                : r.withPassword(sealer.get().open(r.password(), registrationContext(account, key)))));
        return new AccountDeclaration(account, open, stored.changedAt());
    }

    private static String registrationContext(String account, String key) {
        return "declared-registration:" + account + ":" + key;
    }

    String write(DriftRecord record) {
        return text(record);
    }

    DriftRecord readDrift(String text) {
        return parse(text, DriftRecord.class);
    }

    private static String context(String portal, String key) {
        return "declared-line:" + portal + ":" + key;
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            // the cause is left out: Jackson's message may quote the value, a password among it
            throw new IllegalStateException(
                    "Cannot write a declaration (" + e.getClass().getSimpleName() + ")");
        }
    }

    private <T> T parse(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot read a stored declaration (" + e.getClass().getSimpleName() + ")");
        }
    }
}
