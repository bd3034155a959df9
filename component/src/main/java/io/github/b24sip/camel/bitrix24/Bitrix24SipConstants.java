package io.github.b24sip.camel.bitrix24;

import org.apache.camel.spi.Metadata;

/** The headers of the bitrix24-sip component. */
public final class Bitrix24SipConstants {

    @Metadata(
            description = "The operation to perform, overriding the one in the endpoint URI.",
            javaType = "io.github.b24sip.camel.bitrix24.Bitrix24SipOperation")
    public static final String OPERATION = "CamelBitrix24SipOperation";

    @Metadata(
            description = "The CONFIG_ID of the line to update or delete, when the body does not give it.",
            javaType = "Integer")
    public static final String CONFIG_ID = "CamelBitrix24SipConfigId";

    @Metadata(
            description = "The REG_ID of the registration whose status to get, when the body does not give it.",
            javaType = "Long")
    public static final String REG_ID = "CamelBitrix24SipRegId";

    @Metadata(
            description = "sync only: titles of lines that must not exist. An existing one is deleted, a missing one "
                    + "is reported unchanged; their items follow the desired lines' items in the report.",
            javaType = "java.util.Collection<String>")
    public static final String ABSENT_TITLES = "CamelBitrix24SipAbsentTitles";

    @Metadata(
            description = "sync only: the portal's lines as the caller read them (bitrix24-sip:get), planned against "
                    + "instead of reading the portal. For a large set applied in parts: read once, then sync each "
                    + "part; with prune, only these lines can be pruned.",
            javaType = "java.util.List<io.github.b24sip.camel.bitrix24.model.SipLine>")
    public static final String EXISTING_LINES = "CamelBitrix24SipExistingLines";

    @Metadata(
            description = "Status consumer with emitSnapshot: true on the exchange that ends a poll, whose body is "
                    + "every cloud line the poll read (a List of SipLine).",
            javaType = "Boolean")
    public static final String SNAPSHOT = "CamelBitrix24SipSnapshot";

    @Metadata(
            description = "outgoingSet: the line id (LINE_ID) of the default outgoing line, when the body does not "
                    + "give it; SipLine.lineId() gives a SIP line's.",
            javaType = "String")
    public static final String LINE_ID = "CamelBitrix24SipLineId";

    private Bitrix24SipConstants() {}
}
