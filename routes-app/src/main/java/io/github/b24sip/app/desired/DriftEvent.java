package io.github.b24sip.app.desired;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * A drift event as the status sinks get it (JSON, {@code "kind": "drift"}; {@code portal} for a line, {@code account}
 * for a Voximplant registration, whose {@code title} is {@code sip_username@proxy}): a line's drift appeared or changed
 * ({@code drift} is its kind, {@code fields} the names of the fields that differ, never their values), is gone
 * ({@code drift} {@code resolved}, {@code was} what it had been), or its repair was suspended ({@code
 * repair-suspended}: repaired too often within an hour, an administrator is changing it back). {@code since} is
 * an ISO-8601 instant, as text so that every JSON mapper writes it the same way.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftEvent(
        String kind,
        String portal,
        String account,
        String title,
        Integer configId,
        String drift,
        List<String> fields,
        String was,
        String policy,
        String declaredBy,
        String since) {

    public static final String KIND = "drift";
    public static final String RESOLVED = "resolved";
    public static final String REPAIR_SUSPENDED = "repair-suspended";

    static DriftEvent appeared(
            DriftLedger.Subject subject, Drift drift, String policy, String declaredBy, Instant since) {
        return of(subject, drift, drift.kind().wireName(), drift.fields(), null, policy, declaredBy, since);
    }

    static DriftEvent resolved(DriftLedger.Subject subject, Drift was, String policy, Instant at) {
        return of(subject, was, RESOLVED, null, was.kind().wireName(), policy, null, at);
    }

    static DriftEvent suspended(DriftLedger.Subject subject, Drift drift, String policy, Instant at) {
        return of(subject, drift, REPAIR_SUSPENDED, drift.fields(), drift.kind().wireName(), policy, null, at);
    }

    private static DriftEvent of(
            DriftLedger.Subject subject,
            Drift drift,
            String what,
            List<String> fields,
            String was,
            String policy,
            String declaredBy,
            Instant at) {
        return new DriftEvent(
                KIND,
                subject.account() ? null : subject.name(),
                subject.account() ? subject.name() : null,
                drift.title(),
                drift.configId(),
                what,
                fields,
                was,
                policy,
                declaredBy,
                at.toString());
    }
}
