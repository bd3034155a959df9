package io.github.b24sip.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures throttled per source: the limit in a minute, then 429 until the minute ends; other sources unaffected. */
class SourceThrottleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aSourcePastTheLimitIsThrottledForTheRestOfItsMinute() {
        SourceThrottle throttle = new SourceThrottle(10);
        long t = 5 * SECOND;
        for (int i = 1; i < 10; i++) {
            assertThat(throttle.failed("203.0.113.7", t + i)).isFalse();
            assertThat(throttle.throttled("203.0.113.7", t + i))
                    .as("after %d failures", i)
                    .isFalse();
        }
        assertThat(throttle.failed("203.0.113.7", t + 10))
                .as("the tenth reaches the limit")
                .isTrue();
        assertThat(throttle.throttled("203.0.113.7", t + 11)).isTrue();
        assertThat(throttle.retryAfterSeconds("203.0.113.7", t + 20 * SECOND)).isBetween(39L, 40L);
        assertThat(throttle.throttled("198.51.100.1", t + 11))
                .as("another source")
                .isFalse();
        assertThat(throttle.throttled("203.0.113.7", t + 61 * SECOND))
                .as("a minute later")
                .isFalse();
        assertThat(throttle.failed("203.0.113.7", t + 61 * SECOND))
                .as("a new minute counts from one")
                .isFalse();
    }

    @Test
    void aFloodFromManyAddressesKeepsAtMostTenThousand() {
        SourceThrottle throttle = new SourceThrottle(1);
        for (int i = 0; i < SourceThrottle.SOURCES + 500; i++) {
            throttle.failed("10.0." + (i / 256) + "." + (i % 256), SECOND);
        }
        assertThat(throttle.sources()).isEqualTo(SourceThrottle.SOURCES);
        assertThat(throttle.throttled(
                        "10.0." + ((SourceThrottle.SOURCES + 499) / 256) + "." + ((SourceThrottle.SOURCES + 499) % 256),
                        SECOND))
                .isTrue();
    }
}
