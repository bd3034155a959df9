package io.github.b24sip.camel;

import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.HealthCheckComponent;

/**
 * What both components offer alike: Camel's health-check options (consumer and producer checks on or off) and the
 * choice to use the Camel context's global TLS settings when an endpoint sets none.
 */
public abstract class SipComponentSupport extends HealthCheckComponent implements SSLContextParametersAware {

    @Metadata(
            label = "security",
            defaultValue = "false",
            description = "Use the Camel context's global SSLContextParameters when an endpoint sets none")
    private boolean useGlobalSslContextParameters;

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    /** Use the Camel context's global SSLContextParameters when an endpoint sets none. */
    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }
}
