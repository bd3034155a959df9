package io.github.b24sip.camel.bitrix24.spi;

import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;

import java.util.Collection;
import java.util.Map;

/**
 * Keeps the status consumer's last known status of each cloud line, so that a consumer taking over a portal (after a
 * restart, or on another copy of the app after a fail-over) emits only real changes: no event for a line whose status
 * did not change meanwhile, and a removal for a line deleted meanwhile. Without one, the consumer keeps them in memory
 * and its first poll emits every line.
 */
public interface StatusStore {

    /** The last known statuses of the portal's lines by CONFIG_ID; empty when none are stored. */
    Map<Integer, SipLineStatusEvent> load(String portalUrl);

    /** Replaces the stored statuses of the portal with these, the lines seen by the latest poll. */
    void replace(String portalUrl, Collection<SipLineStatusEvent> lastKnown);
}
