package io.github.b24sip.app.command;

import io.github.b24sip.app.line.LineResult;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a command did, sent to the results topic or queue: {@code outcome} is created, updated, replaced, deleted
 * or unchanged (a redelivered command finds its work done and reports unchanged). A registration command's result has
 * {@code kind} registration, its {@code account}, its user name at proxy as {@code title} and its
 * sip_registration_id as {@code regId}; the other fields are null. A line command's has {@code kind} line.
 */
@RegisterForReflection
public record CommandResult(
        String id,
        String portal,
        String action,
        String title,
        LineResult outcome,
        Integer configId,
        Long regId,
        String error,
        String kind,
        String account) {}
