package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.model.ItemResult;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;
import io.github.b24sip.camel.bitrix24.model.SipRegistrationStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Turns one poll's read into status events, one per line whose status the poll read, each joined to its line by
 * CONFIG_ID; the {@link LineStatusLedger} then tells which are changes. A line without a registration is an
 * {@code error} event with the reason as its error message: a cloud line whose registration the portal could not
 * create keeps REG_ID 0 (it is never asked for), and a registration gone from Voximplant answers REG_ID_NOT_FOUND.
 */
final class StatusChanges {

    static final String ERROR = "error";
    static final String NO_REGISTRATION =
            "NO_REGISTRATION: the portal holds REG_ID 0 for this cloud line, so Voximplant "
                    + "never created its registration (a server of three characters or fewer, or Voximplant refused "
                    + "it)";

    private StatusChanges() {}

    /**
     * @param latest the last known event of a line by CONFIG_ID, or null
     * @return the observed lines' events; a line whose own status read failed in passing is left out, so what was
     *     known of it stays and the next poll looks again
     */
    static List<SipLineStatusEvent> observe(String host, PolledLines polled, IntFunction<SipLineStatusEvent> latest) {
        List<SipLineStatusEvent> observed = new ArrayList<>();
        for (SipLine line : polled.lines()) {
            SipLineStatusEvent before = latest.apply(line.configId());
            if (line.hasNoRegistration()) {
                observed.add(errorEvent(host, line, before, NO_REGISTRATION));
                continue;
            }
            ItemResult<SipRegistrationStatus> status = polled.statuses().get(line.configId());
            if (status == null) {
                continue;
            }
            if (status.isSuccess()) {
                SipRegistrationStatus s = status.value();
                observed.add(new SipLineStatusEvent(
                        host,
                        line.configId(),
                        line.title(),
                        s.regId(),
                        s.statusResult(),
                        s.statusCode(),
                        s.errorMessage(),
                        s.lastUpdated(),
                        previous(before),
                        false));
            } else if (PolledLines.REG_ID_NOT_FOUND.equals(status.error().getErrorCode())) {
                observed.add(errorEvent(
                        host,
                        line,
                        before,
                        PolledLines.REG_ID_NOT_FOUND + ": registration " + line.regId() + " is gone from Voximplant ("
                                + status.error().getDescription() + ")"));
            }
        }
        return observed;
    }

    private static SipLineStatusEvent errorEvent(String host, SipLine line, SipLineStatusEvent before, String reason) {
        return new SipLineStatusEvent(
                host,
                line.configId(),
                line.title(),
                line.regId() == null ? 0 : line.regId(),
                ERROR,
                null,
                reason,
                null,
                previous(before),
                false);
    }

    private static String previous(SipLineStatusEvent before) {
        return before == null ? null : before.statusResult();
    }
}
