package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;
import io.github.b24sip.camel.status.StatusKind;
import io.github.b24sip.camel.status.StatusLedger;

import java.util.List;
import java.util.Objects;

/** The status ledger of a portal's cloud lines, by CONFIG_ID: a change is a new status, code or error message. */
final class LineStatusLedger extends StatusLedger<Integer, SipLineStatusEvent> {

    static final int MAX_PENDING_PER_LINE = MAX_PENDING_PER_KEY;

    static final StatusKind<Integer, SipLineStatusEvent> LINES = new StatusKind<>() {
        @Override
        public Integer key(SipLineStatusEvent event) {
            return event.configId();
        }

        @Override
        public boolean differs(SipLineStatusEvent before, SipLineStatusEvent now) {
            return before.removed() != now.removed()
                    || !Objects.equals(before.statusResult(), now.statusResult())
                    || !Objects.equals(before.statusCode(), now.statusCode())
                    || !Objects.equals(before.errorMessage(), now.errorMessage());
        }

        @Override
        public boolean isRemoval(SipLineStatusEvent event) {
            return event.removed();
        }

        @Override
        public SipLineStatusEvent removal(SipLineStatusEvent last) {
            return new SipLineStatusEvent(
                    last.portalHost(),
                    last.configId(),
                    last.title(),
                    last.regId(),
                    last.statusResult(),
                    last.statusCode(),
                    last.errorMessage(),
                    last.lastUpdated(),
                    last.statusResult(),
                    true);
        }
    };

    LineStatusLedger() {
        super(LINES);
    }

    /** Each line's undelivered changes in order, oldest first. */
    List<List<SipLineStatusEvent>> pendingByLine() {
        return pendingByKey();
    }
}
