package io.github.b24sip.app;

import io.quarkus.runtime.configuration.DurationConverter;
import org.eclipse.microprofile.config.spi.Converter;

import java.time.Duration;

/**
 * A poll or retry delay: a plain number is milliseconds, as these keys have always been read (and as Camel reads its
 * own {@code delay} options); anything else is a Quarkus duration ({@code 1s}, {@code 200ms}, {@code PT1M}). A value
 * that is neither fails start-up, with SmallRye naming the key.
 */
public final class MillisOrDuration implements Converter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.trim();
        if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
            return Duration.ofMillis(Long.parseLong(v));
        }
        return new DurationConverter().convert(v);
    }
}
