package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;
import io.github.b24sip.camel.bitrix24.spi.StatusStore;
import io.github.b24sip.camel.status.StatusLedger;
import io.github.b24sip.camel.status.StatusPollConsumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.net.URI;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Polls a portal's cloud lines and their registration statuses (get, then status in batches of 50) and emits one
 * exchange per line whose status changed since the last poll; the first poll emits every line. A line without a
 * registration is an {@code error} event too ({@link StatusChanges}). With {@code emitSnapshot}, each poll that worked
 * ends with one more exchange: every cloud line it read as a {@code List<SipLine>}, header
 * {@link Bitrix24SipConstants#SNAPSHOT} true, so a route can compare the portal with what it expects at no extra
 * request. Failures, backoff, health and at-least-once
 * delivery are {@link StatusPollConsumer}'s; the delivered statuses go to the {@link StatusStore} when one is given.
 */
public class Bitrix24SipConsumer extends StatusPollConsumer<Integer, SipLineStatusEvent> {

    private final Bitrix24SipEndpoint endpoint;

    public Bitrix24SipConsumer(Bitrix24SipEndpoint endpoint, Processor processor) {
        super(endpoint, processor, new LineStatusLedger());
        this.endpoint = endpoint;
    }

    @Override
    protected Poll<Integer, SipLineStatusEvent> read(StatusLedger<Integer, SipLineStatusEvent> ledger) {
        PolledLines polled = PolledLines.read(endpoint.api());
        Set<Integer> seen = new HashSet<>();
        polled.lines().forEach(l -> seen.add(l.configId()));
        return new Poll<>(
                StatusChanges.observe(source(), polled, ledger::latest),
                seen,
                endpoint.getConfiguration().isEmitSnapshot() ? polled.lines() : null);
    }

    @Override
    protected void fillSnapshot(Exchange exchange, Object snapshot) {
        exchange.getMessage().setBody(snapshot);
        exchange.getMessage().setHeader(Bitrix24SipConstants.SNAPSHOT, true);
    }

    @Override
    protected Map<Integer, SipLineStatusEvent> loadStored() {
        StatusStore store = endpoint.getConfiguration().getStatusStore();
        return store == null ? null : store.load(portalKey());
    }

    @Override
    protected void store(Collection<SipLineStatusEvent> delivered) {
        StatusStore store = endpoint.getConfiguration().getStatusStore();
        if (store != null) {
            store.replace(portalKey(), delivered);
        }
    }

    @Override
    protected void fill(Exchange exchange, SipLineStatusEvent event) {
        exchange.getMessage().setBody(event);
        exchange.getMessage().setHeader(Bitrix24SipConstants.CONFIG_ID, event.configId());
        exchange.getMessage().setHeader(Bitrix24SipConstants.REG_ID, event.regId());
    }

    @Override
    protected boolean emitUnchanged() {
        return endpoint.getConfiguration().isEmitUnchanged();
    }

    @Override
    protected String source() {
        return URI.create(endpoint.getConfiguration().getPortalUrl().trim()).getAuthority();
    }

    @Override
    protected String subject() {
        return "SIP line";
    }

    private String portalKey() {
        return endpoint.getConfiguration().getPortalUrl().trim();
    }
}
