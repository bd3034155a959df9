package io.github.b24sip.camel.bitrix24;

/** What a {@code bitrix24-sip:} endpoint does; the values are what users type in the URI. */
public enum Bitrix24SipOperation {
    /** voximplant.sip.add: create a line (a List body goes through batch). */
    add,
    /** voximplant.sip.update: change a line by CONFIG_ID. */
    update,
    /** voximplant.sip.delete: remove a line by CONFIG_ID (a List body goes through batch). */
    delete,
    /** voximplant.sip.get: list the lines, every page. */
    get,
    /** voximplant.sip.status: a cloud line's registration status (a List body goes through batch). */
    status,
    /** voximplant.sip.connector.status: the SIP connector licence. */
    connectorStatus,
    /** voximplant.line.outgoing.get: the line id of the portal's default outgoing line (LINK_BASE_NUMBER: none). */
    outgoingGet,
    /** voximplant.line.outgoing.set: makes the line with this LINE_ID the default outgoing line. */
    outgoingSet,
    /** voximplant.line.outgoing.sip.set: makes the SIP line with this CONFIG_ID the default outgoing line. */
    outgoingSipSet,
    /** Brings the portal's lines to the desired set in the body (keyed by title): get, then batched writes. */
    sync
}
