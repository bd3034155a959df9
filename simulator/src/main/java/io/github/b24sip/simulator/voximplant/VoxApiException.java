package io.github.b24sip.simulator.voximplant;

/** A platform_api error: HTTP 200 with {@code {"error":{"msg":..,"code":..}}}. */
final class VoxApiException extends RuntimeException {

    final int code;

    VoxApiException(int code, String msg) {
        super(msg, null, false, false);
        this.code = code;
    }
}
