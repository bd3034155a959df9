package io.github.b24sip.camel.voximplant;

import org.apache.camel.spi.Metadata;

/** The headers of the voximplant-sip component. */
public final class VoximplantSipConstants {

    @Metadata(
            description = "The operation to perform, overriding the one in the endpoint URI.",
            javaType = "io.github.b24sip.camel.voximplant.VoximplantSipOperation")
    public static final String OPERATION = "CamelVoximplantSipOperation";

    @Metadata(description = "The sip_registration_id, when the body does not give it.", javaType = "Long")
    public static final String SIP_REGISTRATION_ID = "CamelVoximplantSipRegistrationId";

    @Metadata(
            description = "sync: registrations that must not exist, a List of Maps with sip_username and proxy (or "
                    + "RegistrationSpecs): an existing one is deleted, a missing one is reported unchanged.",
            javaType = "java.util.List")
    public static final String ABSENT_REGISTRATIONS = "CamelVoximplantSipAbsentRegistrations";

    @Metadata(
            description = "Registrations consumer with emitSnapshot: true on the exchange that ends a poll, whose body "
                    + "is every registration the poll read (a List of SipRegistration).",
            javaType = "Boolean")
    public static final String SNAPSHOT = "CamelVoximplantSipSnapshot";

    private VoximplantSipConstants() {}
}
