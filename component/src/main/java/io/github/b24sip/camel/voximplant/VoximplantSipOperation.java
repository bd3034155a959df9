package io.github.b24sip.camel.voximplant;

/** The Voximplant Management API's SIP registration methods; the values are what users type in the URI. */
public enum VoximplantSipOperation {
    createSipRegistration("CreateSipRegistration"),
    updateSipRegistration("UpdateSipRegistration"),
    deleteSipRegistration("DeleteSipRegistration"),
    getSipRegistrations("GetSipRegistrations"),
    bindSipRegistration("BindSipRegistration"),
    /** The consumer: {@code from("voximplant-sip:registrations")} emits each registration's state changes. */
    registrations("GetSipRegistrations"),
    /**
     * Brings the account's registrations to the body's desired set (the component's own operation: it reads with
     * GetSipRegistrations and writes with Create, Update and DeleteSipRegistration).
     */
    sync("SyncSipRegistrations");

    private final String apiMethod;

    VoximplantSipOperation(String apiMethod) {
        this.apiMethod = apiMethod;
    }

    /** The platform_api method name. */
    public String apiMethod() {
        return apiMethod;
    }
}
