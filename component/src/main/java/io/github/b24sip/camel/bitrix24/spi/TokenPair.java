package io.github.b24sip.camel.bitrix24.spi;

/** An OAuth access and refresh token; {@code toString} never prints them. */
public record TokenPair(String accessToken, String refreshToken) {

    @Override
    public String toString() {
        return "TokenPair[accessToken=***, refreshToken=***]";
    }
}
