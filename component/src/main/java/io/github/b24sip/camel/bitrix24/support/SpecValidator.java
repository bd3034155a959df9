package io.github.b24sip.camel.bitrix24.support;

import io.github.b24sip.camel.bitrix24.Bitrix24SipValidationException;
import io.github.b24sip.camel.bitrix24.model.PortalValues;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks input before any request and turns it into method parameters, with the values normalised as the portal
 * stores them ({@link PortalValues}); each error names the field.
 */
public final class SpecValidator {

    static final int MAX_LENGTH = 100;

    private SpecValidator() {}

    public static Map<String, Object> addParams(SipLineSpec spec) {
        String type = spec.effectiveType();
        if (!SipLineSpec.CLOUD.equals(type) && !SipLineSpec.OFFICE.equals(type)) {
            throw new Bitrix24SipValidationException("type", "must be cloud or office, not '" + spec.type() + "'");
        }
        // the portal does not need a title, but the component does: it is how an add whose answer was lost is found
        String title = required("title", spec.title());
        String server = length("server", required("server", PortalValues.server(spec.server())));
        String login = length("login", required("login", spec.login()));
        String password = length("password", PortalValues.trimmed(spec.password()));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("TYPE", type);
        params.put("TITLE", title);
        params.put("SERVER", server);
        params.put("LOGIN", login);
        if (password != null) {
            params.put("PASSWORD", password);
        }
        return params;
    }

    /** Checks a spec as add would, before anything is sent; throws naming the field. */
    public static void checkAdd(SipLineSpec spec) {
        addParams(spec);
    }

    /** Only the fields given are sent; TYPE is not (update only checks it, and without lower-casing). */
    public static Map<String, Object> updateParams(SipLineSpec spec) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("CONFIG_ID", configId(spec.configId()));
        if (spec.title() != null) {
            params.put("TITLE", spec.title().trim());
        }
        if (spec.server() != null) {
            params.put("SERVER", length("server", required("server", PortalValues.server(spec.server()))));
        }
        if (spec.login() != null) {
            params.put("LOGIN", length("login", required("login", spec.login())));
        }
        if (spec.password() != null) {
            params.put("PASSWORD", length("password", PortalValues.trimmed(spec.password())));
        }
        return params;
    }

    public static Map<String, Object> deleteParams(int configId) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("CONFIG_ID", configId);
        return params;
    }

    public static Map<String, Object> statusParams(long regId) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("REG_ID", regId);
        return params;
    }

    public static int configId(Object value) {
        return (int) positive("configId", value);
    }

    public static long regId(Object value) {
        return positive("regId", value);
    }

    private static long positive(String field, Object value) {
        if (value == null || value.toString().isBlank()) {
            throw new Bitrix24SipValidationException(field, "is required");
        }
        long id;
        try {
            id = value instanceof Number n
                    ? n.longValue()
                    : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new Bitrix24SipValidationException(field, "is not a number: '" + value + "'");
        }
        if (id <= 0) {
            throw new Bitrix24SipValidationException(field, "must be positive, not " + id);
        }
        return id;
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new Bitrix24SipValidationException(field, "is required");
        }
        return value.trim();
    }

    private static String length(String field, String value) {
        if (value != null && value.length() > MAX_LENGTH) {
            throw new Bitrix24SipValidationException(field, "is longer than " + MAX_LENGTH + " characters");
        }
        return value;
    }
}
