package io.github.b24sip.app.desired;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.secret.SecretSealer;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Declarations and drift records as JSON at rest, each line's password sealed (context: portal and title key). */
final class DeclarationCodec {

    private final Supplier<SecretSealer> sealer;
    private final ObjectMapper json;

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
        PortalDeclaration stored = parse(text, PortalDeclaration.class);
        Map<String, DeclaredLine> open = new LinkedHashMap<>();
        stored.lines()
                .forEach((key, line) -> open.put(
                        key,
                        line.password() == null
                                ? line
                                : line.withPassword(sealer.get().open(line.password(), context(portal, key)))));
        return new PortalDeclaration(portal, stored.mirror(), stored.mirrorOrigin(), open, stored.outgoing());
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
