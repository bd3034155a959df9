package io.github.b24sip.camel.bitrix24;

/**
 * The portal's request-rate plan: a leaky bucket of 50 requests draining 2 per second (250 and 5 on Enterprise plans;
 * docs/api-facts.md, "Limits"), which the component paces itself under.
 */
public enum RateLimitPlan {
    /** Every plan but Enterprise: 50 requests, draining 2 per second. */
    standard(50, 2),
    /** Enterprise: 250 requests, draining 5 per second. */
    enterprise(250, 5),
    /** No pacing (a self-hosted portal without limits). */
    none(0, 0);

    private final int burst;
    private final double drainRate;

    RateLimitPlan(int burst, double drainRate) {
        this.burst = burst;
        this.drainRate = drainRate;
    }

    public int burst() {
        return burst;
    }

    public double drainRate() {
        return drainRate;
    }
}
