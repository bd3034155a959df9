package io.github.b24sip.simulator.bitrix;

/** What the token endpoint hands out; {@code toString} never prints the tokens. */
public record TokenPair(String accessToken, String refreshToken, long expiresIn) {

    @Override
    public String toString() {
        return "TokenPair[accessToken=***, refreshToken=***, expiresIn=" + expiresIn + "]";
    }
}
