package io.github.b24sip.app.cluster;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.camel.jdbc.PgClusterService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.cluster.CamelClusterService;

/**
 * The cluster service as a bean: Camel adds every {@link CamelClusterService} of its registry to the context, and
 * {@link PollerShards} opens one view of it per shard. Without a shared store no view is opened, so it leads nothing and
 * never touches a database.
 */
@ApplicationScoped
public class ClusterServiceProducer {

    @Produces
    @Singleton
    @Named("b24sipClusterService")
    CamelClusterService clusterService(SharedStore shared, AppConfig config) {
        AppConfig.Cluster cluster = config.cluster();
        return new PgClusterService(
                () -> shared.enabled() ? shared.dataSource() : null,
                shared.instance(),
                cluster.heartbeat(),
                cluster.leaseDuration(),
                cluster.renewDeadline());
    }
}
