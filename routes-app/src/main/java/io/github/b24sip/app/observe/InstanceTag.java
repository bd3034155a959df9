package io.github.b24sip.app.observe;

import io.github.b24sip.app.cluster.SharedStore;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * With several instances, every metric carries an {@code instance} tag, so their figures can be told apart and summed.
 */
public class InstanceTag {

    @Produces
    @Singleton
    MeterFilter instanceTag(SharedStore shared) {
        return MeterFilter.commonTags(shared.enabled() ? Tags.of("instance", shared.instance()) : Tags.empty());
    }
}
