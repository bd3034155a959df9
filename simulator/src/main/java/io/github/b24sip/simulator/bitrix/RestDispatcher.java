package io.github.b24sip.simulator.bitrix;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one REST method for a caller, alone or inside a batch: scope, operating budget and permission checks in the
 * module's order, the simulated server time, then the method itself.
 */
final class RestDispatcher {

    private static final Map<String, String> SCOPES = Map.of(
            "voximplant.sip.add", "telephony",
            "voximplant.sip.update", "telephony",
            "voximplant.sip.delete", "telephony",
            "voximplant.sip.get", "telephony",
            "voximplant.sip.status", "telephony",
            "voximplant.sip.connector.status", "telephony",
            "voximplant.line.outgoing.get", "telephony",
            "voximplant.line.outgoing.set", "telephony",
            "voximplant.line.outgoing.sip.set", "telephony");

    /** A method's outcome with the figures of its {@code time} object. */
    record CallResult(Object data, Integer total, Integer next, Map<String, Object> time) {}

    private final BitrixPortal portal;

    RestDispatcher(BitrixPortal portal) {
        this.portal = portal;
    }

    static boolean exists(String method) {
        return SCOPES.containsKey(method.toLowerCase(Locale.ROOT)) || "batch".equalsIgnoreCase(method);
    }

    /**
     * @param budgeted false inside a batch whose time is charged to {@code batch} as a whole; the figure reported is
     *                 then the batch's
     */
    CallResult call(Caller caller, String method, Map<String, Object> params, boolean budgeted) {
        Instant start = portal.clock.instant();
        long startNanos = System.nanoTime();
        String m = method.toLowerCase(Locale.ROOT);
        String scope = SCOPES.get(m);
        if (scope == null) {
            throw new RestException("ERROR_METHOD_NOT_FOUND", "Method not found!");
        }
        if (!caller.scopes().contains(scope)) {
            throw new RestException(
                    "insufficient_scope",
                    "The request requires higher privileges than provided by the " + caller.tokenKind() + ".");
        }
        String budgetKey = caller.budgetKey() + "|" + (budgeted ? m : "batch");
        if (budgeted && portal.budget != null && portal.budget.blocked(budgetKey)) {
            throw operationTimeLimit();
        }
        try {
            if (!portal.canManageNumbers(caller.userId())) {
                throw new RestException("ACCESS_DENIED", "Access denied!");
            }
            simulateServerTime(portal.settings.processingTimeOf(m));
            Object data;
            Integer total = null;
            Integer next = null;
            switch (m) {
                case "voximplant.sip.add" -> data = SipMethods.add(portal, caller, params);
                case "voximplant.sip.update" -> data = SipMethods.update(portal, caller, params);
                case "voximplant.sip.delete" -> data = SipMethods.delete(portal, caller, params);
                case "voximplant.sip.status" -> data = SipMethods.status(portal, params);
                case "voximplant.sip.connector.status" -> data = SipMethods.connectorStatus(portal);
                case "voximplant.line.outgoing.get" -> data = OutgoingLine.get(portal);
                case "voximplant.line.outgoing.set" -> data = OutgoingLine.set(portal, params);
                case "voximplant.line.outgoing.sip.set" -> data = OutgoingLine.sipSet(portal, params);
                case "voximplant.sip.get" -> {
                    SipMethods.Page page = SipMethods.get(portal, caller, params);
                    data = page.rows();
                    total = page.total();
                    next = page.next();
                }
                default -> throw new IllegalStateException(m);
            }
            return new CallResult(data, total, next, time(start, startNanos, budgetKey, budgeted));
        } finally {
            if (budgeted && portal.budget != null) {
                portal.budget.charge(budgetKey, (System.nanoTime() - startNanos) / 1e9);
            }
        }
    }

    Map<String, Object> time(Instant start, long startNanos, String budgetKey, boolean chargeThisCall) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Double operating = null;
        Long resetAt = null;
        if (portal.settings.cloudMode()) {
            double used = portal.budget == null ? 0 : portal.budget.total(budgetKey);
            // the figure includes this call, which is charged right after the response is built
            operating = used + (chargeThisCall && seconds >= OperatingBudget.MINIMAL_COUNTED_SECONDS ? seconds : 0);
            resetAt = portal.budget == null ? portal.clock.millis() / 1000 + 600 : portal.budget.resetAt(budgetKey);
        }
        Instant finish = start.plusNanos(System.nanoTime() - startNanos);
        if (finish.isBefore(portal.clock.instant())) {
            finish = portal.clock.instant();
        }
        return TimeEnvelope.of(start, finish, seconds, operating, resetAt);
    }

    static RestException operationTimeLimit() {
        return new RestException("OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.");
    }

    static void simulateServerTime(Duration time) {
        if (time.isZero() || time.isNegative()) {
            return;
        }
        try {
            Thread.sleep(time.toMillis(), time.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
