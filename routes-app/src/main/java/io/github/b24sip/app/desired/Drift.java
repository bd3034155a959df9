package io.github.b24sip.app.desired;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * One line's drift: its title (as declared, or as on the portal), its CONFIG_ID on the portal (null when missing),
 * the kind, and for {@code changed} the names of the fields that differ, never their values.
 */
@RegisterForReflection
public record Drift(String title, Integer configId, DriftKind kind, List<String> fields) {

    public Drift {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
