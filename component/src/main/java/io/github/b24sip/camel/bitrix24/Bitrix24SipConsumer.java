package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.client.SipApi;
import io.github.b24sip.camel.bitrix24.model.ItemResult;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;
import io.github.b24sip.camel.bitrix24.model.SipRegistrationStatus;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Polls a portal's cloud lines and their registration statuses (get, then status in batches of 50) and emits one
 * exchange per line whose status changed since the last poll; the first poll emits every line. A failing poll is
 * logged once when polling starts failing and once when it recovers, keeps the last known statuses, and backs off.
 */
public class Bitrix24SipConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(Bitrix24SipConsumer.class);
    private static final int MAX_SKIP = 32;

    private final Bitrix24SipEndpoint endpoint;
    private final Map<Integer, SipLineStatusEvent> lastKnown = new LinkedHashMap<>();
    private boolean firstPoll = true;
    private boolean failing;
    private int skipPolls;
    private int nextSkip = 1;

    public Bitrix24SipConsumer(Bitrix24SipEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        // failures are logged here once per change of state, not by Camel on every failed poll
        setPollStrategy(new QuietPollStrategy());
    }

    @Override
    protected int poll() throws Exception {
        if (skipPolls > 0) {
            skipPolls--;
            return 0;
        }
        SipApi api = endpoint.api();
        List<SipLine> lines;
        List<ItemResult<SipRegistrationStatus>> statuses;
        try {
            Map<String, Object> cloud = new HashMap<>();
            cloud.put("TYPE", "cloud");
            lines = api.get(cloud, null);
            statuses = lines.isEmpty() ? List.of() : api.statusAll(lines.stream().map(l -> (Object) l.regId()).toList());
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Polling the SIP line statuses of {} failed: {}. Keeping the last known statuses and backing off.",
                        host(), e.getMessage());
                failing = true;
            }
            skipPolls = nextSkip;
            nextSkip = Math.min(MAX_SKIP, nextSkip * 2);
            throw e;
        }
        if (failing) {
            LOG.info("Polling the SIP line statuses of {} works again", host());
            failing = false;
        }
        nextSkip = 1;
        List<SipLineStatusEvent> events = changes(lines, statuses);
        firstPoll = false;
        for (SipLineStatusEvent event : events) {
            Exchange exchange = createExchange(true);
            exchange.getMessage().setBody(event);
            exchange.getMessage().setHeader(Bitrix24SipConstants.CONFIG_ID, event.configId());
            exchange.getMessage().setHeader(Bitrix24SipConstants.REG_ID, event.regId());
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing a SIP line status event", exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
        }
        return events.size();
    }

    private List<SipLineStatusEvent> changes(List<SipLine> lines, List<ItemResult<SipRegistrationStatus>> statuses) {
        boolean emitAll = firstPoll || endpoint.getConfiguration().isEmitUnchanged();
        List<SipLineStatusEvent> events = new ArrayList<>();
        Map<Integer, SipLineStatusEvent> seen = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            SipLine line = lines.get(i);
            SipLineStatusEvent before = lastKnown.get(line.configId());
            if (!statuses.get(i).isSuccess()) {
                // e.g. deleted between the two calls: keep what was known and look again next time
                if (before != null) {
                    seen.put(line.configId(), before);
                }
                continue;
            }
            SipRegistrationStatus s = statuses.get(i).value();
            SipLineStatusEvent now = new SipLineStatusEvent(host(), line.configId(), line.title(), s.regId(), s.statusResult(),
                    s.statusCode(), s.errorMessage(), s.lastUpdated(), before == null ? null : before.statusResult(), false);
            seen.put(line.configId(), now);
            boolean changed = before == null || !Objects.equals(before.statusResult(), now.statusResult())
                    || !Objects.equals(before.statusCode(), now.statusCode());
            if (emitAll || changed) {
                events.add(now);
            }
        }
        for (SipLineStatusEvent gone : lastKnown.values()) {
            if (!seen.containsKey(gone.configId())) {
                events.add(new SipLineStatusEvent(gone.portalHost(), gone.configId(), gone.title(), gone.regId(), gone.statusResult(),
                        gone.statusCode(), gone.errorMessage(), gone.lastUpdated(), gone.statusResult(), true));
            }
        }
        lastKnown.clear();
        lastKnown.putAll(seen);
        return events;
    }

    private String host() {
        return URI.create(endpoint.getConfiguration().getPortalUrl().trim()).getAuthority();
    }

    /** Lets a failed poll count for Camel's backoff without Camel logging it again each time. */
    private static final class QuietPollStrategy implements PollingConsumerPollStrategy {
        @Override
        public boolean begin(Consumer consumer, Endpoint endpoint) {
            return true;
        }

        @Override
        public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
            // nothing to commit
        }

        @Override
        public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
            return false;
        }
    }
}
