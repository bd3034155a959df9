package io.github.b24sip.camel.voximplant;

import io.github.b24sip.camel.status.StatusKind;
import io.github.b24sip.camel.status.StatusLedger;
import io.github.b24sip.camel.status.StatusPollConsumer;
import io.github.b24sip.camel.voximplant.client.RegistrationPages;
import io.github.b24sip.camel.voximplant.model.SipRegistration;
import io.github.b24sip.camel.voximplant.model.SipRegistrationEvent;
import io.github.b24sip.camel.voximplant.spi.RegistrationStatusStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code from("voximplant-sip:registrations?delay=30000")}: polls the account's SIP registrations (GetSipRegistrations,
 * every page) and emits one exchange per registration whose state (successful, status code, error message,
 * deactivated) changed since the last poll; the first poll emits every registration, and one gone from the account
 * gives one removal. Failures, backoff, health and at-least-once delivery are {@link StatusPollConsumer}'s; the
 * delivered states go to the {@link RegistrationStatusStore} when one is given.
 */
public class VoximplantSipConsumer extends StatusPollConsumer<Long, SipRegistrationEvent> {

    static final StatusKind<Long, SipRegistrationEvent> REGISTRATIONS = new StatusKind<>() {
        @Override
        public Long key(SipRegistrationEvent event) {
            return event.sipRegistrationId();
        }

        @Override
        public boolean differs(SipRegistrationEvent before, SipRegistrationEvent now) {
            return before.removed() != now.removed() || !Objects.equals(before.state(), now.state());
        }

        @Override
        public boolean isRemoval(SipRegistrationEvent event) {
            return event.removed();
        }

        @Override
        public SipRegistrationEvent removal(SipRegistrationEvent last) {
            return last.removal();
        }
    };

    private final VoximplantSipEndpoint endpoint;

    public VoximplantSipConsumer(VoximplantSipEndpoint endpoint, Processor processor) {
        super(endpoint, processor, new StatusLedger<>(REGISTRATIONS));
        this.endpoint = endpoint;
    }

    @Override
    protected Poll<Long, SipRegistrationEvent> read(StatusLedger<Long, SipRegistrationEvent> ledger) {
        List<SipRegistration> registrations = RegistrationPages.all(endpoint.client(), Map.of());
        List<SipRegistrationEvent> observed = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (SipRegistration r : registrations) {
            SipRegistrationEvent before = ledger.latest(r.sipRegistrationId());
            observed.add(SipRegistrationEvent.of(
                    endpoint.accountId(), r, before == null || before.removed() ? null : before.state()));
            seen.add(r.sipRegistrationId());
        }
        return new Poll<>(observed, seen, endpoint.getConfiguration().isEmitSnapshot() ? registrations : null);
    }

    @Override
    protected void fillSnapshot(Exchange exchange, Object snapshot) {
        exchange.getMessage().setBody(snapshot);
        exchange.getMessage().setHeader(VoximplantSipConstants.SNAPSHOT, true);
    }

    @Override
    protected Map<Long, SipRegistrationEvent> loadStored() {
        RegistrationStatusStore store = endpoint.getConfiguration().getStatusStore();
        return store == null ? null : store.load(endpoint.accountId());
    }

    @Override
    protected void store(Collection<SipRegistrationEvent> delivered) {
        RegistrationStatusStore store = endpoint.getConfiguration().getStatusStore();
        if (store != null) {
            store.replace(endpoint.accountId(), delivered);
        }
    }

    @Override
    protected void fill(Exchange exchange, SipRegistrationEvent event) {
        exchange.getMessage().setBody(event);
        exchange.getMessage().setHeader(VoximplantSipConstants.SIP_REGISTRATION_ID, event.sipRegistrationId());
    }

    @Override
    protected String source() {
        return "Voximplant account " + endpoint.accountId();
    }

    @Override
    protected String subject() {
        return "SIP registration";
    }
}
