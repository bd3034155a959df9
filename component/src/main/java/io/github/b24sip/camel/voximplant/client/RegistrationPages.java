package io.github.b24sip.camel.voximplant.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.b24sip.camel.voximplant.model.SipRegistration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GetSipRegistrations, every page: no total is documented, nor a largest page, so only an empty page is the end. */
public final class RegistrationPages {

    public static final String METHOD = "GetSipRegistrations";
    public static final int PAGE_SIZE = 100;

    private RegistrationPages() {}

    /** Every registration matching {@code params}. */
    public static List<SipRegistration> all(PlatformApiClient client, Map<String, String> params) {
        List<SipRegistration> registrations = new ArrayList<>();
        for (int offset = 0; ; ) {
            Map<String, String> page = new LinkedHashMap<>(params);
            page.put("count", String.valueOf(PAGE_SIZE));
            page.put("offset", String.valueOf(offset));
            JsonNode rows = client.call(METHOD, page, true).path("result");
            rows.forEach(r -> registrations.add(SipRegistration.fromJson(r)));
            if (rows.isEmpty()) {
                return registrations;
            }
            offset += rows.size();
        }
    }

    /** The one page {@code params} asks for (its count and offset). */
    public static List<SipRegistration> page(PlatformApiClient client, Map<String, String> params) {
        List<SipRegistration> registrations = new ArrayList<>();
        client.call(METHOD, params, true).path("result").forEach(r -> registrations.add(SipRegistration.fromJson(r)));
        return registrations;
    }
}
