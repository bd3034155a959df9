package io.github.b24sip.app.desired;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * The portal's default outgoing line as declared (a CSV row's {@code outgoing} cell, a command's {@code outgoing}, the
 * portal API's {@code outgoing}): the title of one of its declared lines, and where the declaration came from. Every
 * user of the portal calls out through that line, and a sync's add or delete can move it (docs/api-facts.md, "The
 * default outgoing line").
 */
@RegisterForReflection
public record DeclaredOutgoing(String title, String origin, Instant declaredAt) {}
