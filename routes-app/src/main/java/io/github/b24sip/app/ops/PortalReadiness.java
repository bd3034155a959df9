package io.github.b24sip.app.ops;

import io.github.b24sip.app.portal.Portals;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.model.ConnectorStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when every portal answers voximplant.sip.connector.status with these credentials. */
@Readiness
@ApplicationScoped
public class PortalReadiness implements HealthCheck {

    @Inject
    Portals portals;
    @Inject
    ProducerTemplate template;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("bitrix24-portals").up();
        for (String portal : portals.names()) {
            try {
                ConnectorStatus status = template.requestBody(portals.uri(portal, "connectorStatus"), null, ConnectorStatus.class);
                response.withData(portal, "up (SIP connector " + (status.paid() ? "paid" : "free minutes: " + status.freeMinutes()) + ")");
            } catch (CamelExecutionException e) {
                String reason = e.getCause() instanceof Bitrix24SipException b ? b.getErrorCode() : e.getCause().getClass().getSimpleName();
                response.withData(portal, "down: " + reason).down();
            }
        }
        return response.build();
    }
}
