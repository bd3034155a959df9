package io.github.b24sip.app.desired;

import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * One line as declared, and where the declaration came from ({@code origin}: a file and row, a command, an upload, the
 * API). An {@code absent} line is declared not to exist (a delete row or command). {@code toString} never prints the
 * password.
 */
@RegisterForReflection
public record DeclaredLine(
        String title,
        String type,
        String server,
        String login,
        String password,
        boolean absent,
        String origin,
        Instant declaredAt) {

    public static DeclaredLine of(SipLineSpec spec, String origin, Instant at) {
        return new DeclaredLine(
                spec.title().trim(),
                spec.effectiveType(),
                spec.server(),
                spec.login(),
                spec.password(),
                false,
                origin,
                at);
    }

    public static DeclaredLine absent(String title, String origin, Instant at) {
        return new DeclaredLine(title.trim(), null, null, null, null, true, origin, at);
    }

    /** The line as the planner takes it. */
    public SipLineSpec spec() {
        return new SipLineSpec(title, type, server, login, password, null);
    }

    public DeclaredLine withPassword(String newPassword) {
        return new DeclaredLine(title, type, server, login, newPassword, absent, origin, declaredAt);
    }

    @Override
    public String toString() {
        return "DeclaredLine[title=" + title + ", type=" + type + ", server=" + server + ", login=" + login
                + ", password=" + (password == null ? null : "***") + ", absent=" + absent + ", origin=" + origin
                + "]";
    }
}
