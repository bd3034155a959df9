package io.github.b24sip.app.csv;

import io.github.b24sip.app.line.LineResult;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One row of a file report: the row number (null for a line pruned in mirror mode), what was asked, what happened
 * ({@code result}: created, updated, replaced, deleted, unchanged, planned, invalid or failed), the plan behind it,
 * the line's ids and the error. No password.
 */
@RegisterForReflection
public record RowOutcome(
        Integer row,
        String portal,
        String title,
        String action,
        LineResult result,
        String plan,
        Integer configId,
        Long regId,
        String field,
        String errorCode,
        String error) {}
