package io.github.b24sip.camel.voximplant;

/** The Voximplant Management API's SIP registration methods; the values are what users type in the URI. */
public enum VoximplantSipOperation {
    createSipRegistration("CreateSipRegistration"),
    updateSipRegistration("UpdateSipRegistration"),
    deleteSipRegistration("DeleteSipRegistration"),
    getSipRegistrations("GetSipRegistrations"),
    bindSipRegistration("BindSipRegistration");

    private final String apiMethod;

    VoximplantSipOperation(String apiMethod) {
        this.apiMethod = apiMethod;
    }

    /** The platform_api method name. */
    public String apiMethod() {
        return apiMethod;
    }
}
