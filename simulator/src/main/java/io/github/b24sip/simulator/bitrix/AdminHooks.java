package io.github.b24sip.simulator.bitrix;

import io.github.b24sip.simulator.http.PhpParams;
import io.github.b24sip.simulator.http.Responses;
import io.github.b24sip.simulator.http.SimRequest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a portal's administrator does in the telephony settings, over HTTP, for demos and scripts (the library calls
 * are {@link BitrixPortal#editLine}, {@link BitrixPortal#removeLine} and {@link BitrixPortal#setOutgoingLine}):
 * <ul>
 *   <li>{@code POST /admin/lines/{CONFIG_ID}} with the fields to change (JSON or form: SERVER, LOGIN, ...)</li>
 *   <li>{@code DELETE /admin/lines/{CONFIG_ID}}</li>
 *   <li>{@code POST /admin/outgoing} with {@code LINE_ID} (or {@code CONFIG_ID})</li>
 * </ul>
 * No REST method does any of this for another application's line; Bitrix24 sends no event for it either.
 */
final class AdminHooks {

    static final String PREFIX = "/admin/";

    private AdminHooks() {}

    static Responses.Reply serve(BitrixPortal portal, String httpMethod, SimRequest request) {
        String[] parts = request.path().substring(PREFIX.length()).split("/", -1);
        try {
            if (parts.length == 2 && "lines".equals(parts[0])) {
                int configId = Integer.parseInt(parts[1]);
                if ("DELETE".equals(httpMethod)) {
                    portal.removeLine(configId);
                    return ok();
                }
                if ("POST".equals(httpMethod)) {
                    Map<String, String> fields = new LinkedHashMap<>();
                    request.params().forEach((k, v) -> fields.put(k, PhpParams.string(v)));
                    portal.editLine(configId, fields);
                    return ok();
                }
            }
            if (parts.length == 1 && "outgoing".equals(parts[0]) && "POST".equals(httpMethod)) {
                Map<String, Object> p = SipMethods.upperKeys(request.params());
                String lineId = p.get("CONFIG_ID") != null
                        ? portal.lineIdOf(Integer.parseInt(
                                PhpParams.string(p.get("CONFIG_ID")).trim()))
                        : PhpParams.string(p.get("LINE_ID"));
                portal.setOutgoingLine(lineId);
                return ok();
            }
        } catch (IllegalArgumentException e) {
            return Responses.json(400, Map.of("error", "BAD_ADMIN_REQUEST", "error_description", e.getMessage()));
        }
        return Responses.json(404, Map.of("error", "NOT_FOUND", "error_description", "no such admin action"));
    }

    private static Responses.Reply ok() {
        return Responses.json(200, Map.of("result", true));
    }
}
