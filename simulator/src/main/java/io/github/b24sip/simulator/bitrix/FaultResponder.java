package io.github.b24sip.simulator.bitrix;

import com.sun.net.httpserver.HttpExchange;
import io.github.b24sip.simulator.fault.Fault;
import io.github.b24sip.simulator.http.Responses;

import java.io.IOException;
import java.util.Map;

/** Answers a request with an injected fault, the way the Bitrix24 front end would. */
final class FaultResponder {

    private FaultResponder() {
    }

    /** True for the kinds that replace the call; DELAY and DROP_AFTER let it run. */
    static boolean replacesCall(Fault fault) {
        return switch (fault.kind()) {
            case DELAY, DROP_AFTER -> false;
            default -> true;
        };
    }

    /** Sends the fault's response and returns the HTTP status sent (0 for a dropped connection). */
    static int respond(HttpExchange exchange, Fault fault, String rawPathAndQuery) throws IOException {
        switch (fault.kind()) {
            case HTTP_500 -> {
                return error(exchange, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
            }
            case QUERY_LIMIT_EXCEEDED -> {
                return error(exchange, 503, "QUERY_LIMIT_EXCEEDED", "Too many requests");
            }
            case OVERLOAD_LIMIT -> {
                return error(exchange, 503, "OVERLOAD_LIMIT", "REST API is blocked due to overload.");
            }
            case OPERATION_TIME_LIMIT -> {
                return error(exchange, 429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.");
            }
            case API_ERROR -> {
                return error(exchange, fault.status(), fault.code(), fault.description());
            }
            case HTML_ERROR -> {
                int status = fault.status() == 0 ? 502 : fault.status();
                Responses.html(exchange, status, "<html><head><title>" + status + " Bad Gateway</title></head>"
                        + "<body><center><h1>" + status + " Bad Gateway</h1></center><hr><center>nginx</center></body></html>");
                return status;
            }
            case REDIRECT -> {
                Responses.redirect(exchange, fault.location() + rawPathAndQuery);
                return 302;
            }
            case DROP_BEFORE, DROP_AFTER -> {
                Responses.drop(exchange);
                return 0;
            }
            default -> throw new IllegalArgumentException("not a replacing fault: " + fault);
        }
    }

    private static int error(HttpExchange exchange, int status, String code, String description) throws IOException {
        Responses.json(exchange, status, Map.of("error", code, "error_description", description));
        return status;
    }
}
