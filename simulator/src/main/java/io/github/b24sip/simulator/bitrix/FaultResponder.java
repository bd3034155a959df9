package io.github.b24sip.simulator.bitrix;

import io.github.b24sip.simulator.fault.Fault;
import io.github.b24sip.simulator.http.Responses;
import io.github.b24sip.simulator.http.Responses.Reply;

import java.util.Map;

/** Answers a request with an injected fault, the way the Bitrix24 front end would. */
final class FaultResponder {

    private FaultResponder() {}

    /** True for the kinds that replace the call; DELAY, DROP_AFTER and EXPIRE_TOKENS let it run. */
    static boolean replacesCall(Fault fault) {
        return switch (fault.kind()) {
            case DELAY, DROP_AFTER, EXPIRE_TOKENS -> false;
            default -> true;
        };
    }

    /** The HTTP status a replacing fault answers with; 0 for a dropped connection. */
    static int status(Fault fault) {
        return switch (fault.kind()) {
            case HTTP_500 -> 500;
            case QUERY_LIMIT_EXCEEDED, OVERLOAD_LIMIT -> 503;
            case OPERATION_TIME_LIMIT -> 429;
            case API_ERROR -> fault.status();
            case HTML_ERROR -> fault.status() == 0 ? 502 : fault.status();
            case REDIRECT -> 302;
            default -> 0;
        };
    }

    /** The error code a replacing fault answers with, or null (HTML, redirect, drop). */
    static String code(Fault fault) {
        return switch (fault.kind()) {
            case HTTP_500 -> "INTERNAL_SERVER_ERROR";
            case QUERY_LIMIT_EXCEEDED, OVERLOAD_LIMIT, OPERATION_TIME_LIMIT ->
                fault.kind().name();
            case API_ERROR -> fault.code();
            default -> null;
        };
    }

    /** The response of a replacing fault; {@code rawPathAndQuery} is kept on a redirect. */
    static Reply reply(Fault fault, String rawPathAndQuery) {
        int status = status(fault);
        return switch (fault.kind()) {
            case HTTP_500 -> error(status, "INTERNAL_SERVER_ERROR", "Internal server error");
            case QUERY_LIMIT_EXCEEDED -> error(status, "QUERY_LIMIT_EXCEEDED", "Too many requests");
            case OVERLOAD_LIMIT -> error(status, "OVERLOAD_LIMIT", "REST API is blocked due to overload.");
            case OPERATION_TIME_LIMIT ->
                error(status, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.");
            case API_ERROR -> error(status, fault.code(), fault.description());
            case HTML_ERROR ->
                Responses.html(
                        status,
                        "<html><head><title>" + status + " Bad Gateway</title></head>" + "<body><center><h1>" + status
                                + " Bad Gateway</h1></center><hr><center>nginx</center></body></html>");
            case REDIRECT -> Responses.redirect(fault.location() + rawPathAndQuery);
            case DROP_BEFORE, DROP_AFTER -> Responses.drop();
            default -> throw new IllegalArgumentException("not a replacing fault: " + fault);
        };
    }

    private static Reply error(int status, String code, String description) {
        return Responses.json(status, Map.of("error", code, "error_description", description));
    }
}
