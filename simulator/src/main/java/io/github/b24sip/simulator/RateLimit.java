package io.github.b24sip.simulator;

/** The leaky bucket in front of a portal: {@code capacity} requests, draining {@code drainPerSecond}. */
public record RateLimit(int capacity, double drainPerSecond) {

    /** Every plan but Enterprise: 50 requests, 2 per second. */
    public static RateLimit standard() {
        return new RateLimit(50, 2);
    }

    /** Enterprise: 250 requests, 5 per second. */
    public static RateLimit enterprise() {
        return new RateLimit(250, 5);
    }

    public static RateLimit custom(int capacity, double drainPerSecond) {
        return new RateLimit(capacity, drainPerSecond);
    }

    /** {@code standard}, {@code enterprise} or {@code none} (null: no limit). */
    public static RateLimit plan(String name) {
        return switch (name) {
            case "standard" -> standard();
            case "enterprise" -> enterprise();
            case "none" -> null;
            default ->
                throw new IllegalArgumentException(
                        "unknown rate limit plan '" + name + "' (standard, enterprise, none)");
        };
    }
}
