package io.github.b24sip.camel.voximplant;

/** The input was refused before any request: a parameter the operation does not take, a missing or clashing one. */
public class VoximplantSipValidationException extends VoximplantSipException {

    private final String field;

    /**
     * {@code field} is the parameter at fault (snake_case, as the API names it), or {@code body}; null when several.
     */
    public VoximplantSipValidationException(String method, String field, String problem) {
        super(method, NOT_AN_API_ERROR, field == null ? problem : field + " " + problem, 0);
        this.field = field;
    }

    /** The parameter at fault, or null when the problem is between several. */
    public String getField() {
        return field;
    }
}
