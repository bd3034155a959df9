package io.github.b24sip.camel.jdbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.camel.voximplant.model.SipRegistrationEvent;
import io.github.b24sip.camel.voximplant.spi.RegistrationStatusStore;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** The registrations consumer's last delivered states in PostgreSQL (b24sip_registration_status), by account id. */
public final class JdbcRegistrationStatusStore implements RegistrationStatusStore {

    private final JdbcEventRows<SipRegistrationEvent> rows;

    public JdbcRegistrationStatusStore(DataSource dataSource, ObjectMapper json) {
        this.rows = new JdbcEventRows<>(
                dataSource,
                json,
                SipRegistrationEvent.class,
                SipRegistrationEvent::sipRegistrationId,
                "b24sip_registration_status",
                "account",
                "registration_id",
                "registration states of account");
    }

    @Override
    public Map<Long, SipRegistrationEvent> load(String accountId) {
        Map<Long, SipRegistrationEvent> byId = new LinkedHashMap<>();
        rows.load(accountId).forEach(e -> byId.put(e.sipRegistrationId(), e));
        return byId;
    }

    @Override
    public void replace(String accountId, Collection<SipRegistrationEvent> lastDelivered) {
        rows.replace(accountId, lastDelivered);
    }
}
