package io.github.b24sip.app.command;

import io.github.b24sip.app.line.LineResult;

/**
 * What a command did, sent to the results topic or queue: {@code outcome} is created, updated, replaced, deleted
 * or unchanged (a redelivered command finds its work done and reports unchanged).
 */
public record CommandResult(
        String id,
        String portal,
        String action,
        String title,
        LineResult outcome,
        Integer configId,
        Long regId,
        String error) {}
