package io.github.b24sip.camel.voximplant.model;

/** The answer of CreateSipRegistration: the new registration's id. */
public record CreateSipRegistrationResult(long sipRegistrationId) {
}
