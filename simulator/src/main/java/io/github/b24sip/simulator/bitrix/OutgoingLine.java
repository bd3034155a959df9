package io.github.b24sip.simulator.bitrix;

import io.github.b24sip.simulator.http.PhpParams;

import java.util.Map;

/**
 * The portal's default outgoing line, as the voximplant module keeps it: the option {@code portal_number} holds the
 * SEARCH_ID of a telephony config ({@code reg<REG_ID>} for a cloud line, its INCOMING_LOGIN for an office line), and
 * reads as {@code LINK_BASE_NUMBER} when it names no config there is ({@code CVoxImplantConfig::GetPortalNumber}).
 * An add makes the new line the default when there is no valid one ({@code CVoxImplantSip::Add}); deleting the default
 * line moves it to the first config left, or back to {@code LINK_BASE_NUMBER} ({@code
 * CVoxImplantPhone::DeletePhoneConfig}). The REST methods are {@code voximplant.line.outgoing.get}, {@code .set}
 * (LINE_ID) and {@code .sip.set} (CONFIG_ID), in {@code classes/general/vi_rest.php}. simulator/README.md says where
 * the module's versions differ.
 */
final class OutgoingLine {

    static final String LINK_BASE_NUMBER = "LINK_BASE_NUMBER";

    private OutgoingLine() {}

    /** The default outgoing line's id as {@code voximplant.line.outgoing.get} answers it. Caller holds the lock. */
    static String current(BitrixPortal portal) {
        String stored = portal.portalNumber;
        boolean valid =
                portal.lines.values().stream().anyMatch(l -> l.searchId().equals(stored));
        return valid ? stored : LINK_BASE_NUMBER;
    }

    /** After an add: the new line becomes the default when the portal has no valid one. */
    static void added(BitrixPortal portal, SipLine line) {
        if (LINK_BASE_NUMBER.equals(current(portal))) {
            portal.portalNumber = line.searchId();
        }
    }

    /** After a delete: the default moves to the first config left when the deleted line was it. */
    static void deleted(BitrixPortal portal, SipLine line) {
        if (line.searchId().equals(portal.portalNumber)) {
            portal.portalNumber = portal.lines.values().stream()
                    .map(SipLine::searchId)
                    .findFirst()
                    .orElse(LINK_BASE_NUMBER);
        }
    }

    /** {@code lineOutgoingSet}: SetPortalNumber refuses an unknown id, but the method answers 1 all the same. */
    static Object set(BitrixPortal portal, Map<String, Object> raw) {
        String lineId = PhpParams.string(SipMethods.upperKeys(raw).get("LINE_ID"));
        synchronized (portal) {
            setLineId(portal, lineId);
        }
        return 1;
    }

    /** Sets the default to a line id if it names a config or is LINK_BASE_NUMBER; false otherwise. Lock held. */
    static boolean setLineId(BitrixPortal portal, String lineId) {
        boolean known = LINK_BASE_NUMBER.equals(lineId)
                || portal.lines.values().stream().anyMatch(l -> l.searchId().equals(lineId));
        if (known) {
            portal.portalNumber = lineId;
        }
        return known;
    }

    /** {@code lineOutgoingSipSet}: any config by id, whichever application made it (no APP_ID check). */
    static Object sipSet(BitrixPortal portal, Map<String, Object> raw) {
        long configId =
                SipMethods.parseLong(PhpParams.string(SipMethods.upperKeys(raw).get("CONFIG_ID")));
        synchronized (portal) {
            SipLine line = configId <= 0
                    ? null
                    : portal.lines.values().stream()
                            .filter(l -> l.configId == configId)
                            .findFirst()
                            .orElse(null);
            if (line == null) {
                throw new RestException("ERROR_ARGUMENT", "Specified CONFIG_ID is not found", 400);
            }
            portal.portalNumber = line.searchId();
            return 1;
        }
    }

    static Object get(BitrixPortal portal) {
        synchronized (portal) {
            return current(portal);
        }
    }
}
