package io.github.b24sip.camel.bitrix24.support;

import io.github.b24sip.camel.bitrix24.support.PortalCredentials.Kind;
import io.github.b24sip.camel.bitrix24.support.PortalCredentials.Option;
import io.github.b24sip.camel.bitrix24.support.PortalCredentials.Refused;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one check of a portal's credentials: which kind, and for a refusal the option at fault, in either's names. */
class PortalCredentialsTest {

    @Test
    void aCompleteKindIsThatKind() {
        assertThat(check(Map.of(Option.USER_ID, "1", Option.TOKEN, "t0ken"), false))
                .isEqualTo(Kind.WEBHOOK);
        assertThat(check(
                        Map.of(Option.CLIENT_ID, "app", Option.CLIENT_SECRET, "s3cret", Option.REFRESH_TOKEN, "r"),
                        false))
                .isEqualTo(Kind.OAUTH);
        assertThat(check(
                        Map.of(
                                Option.USER_ID,
                                " ",
                                Option.TOKEN,
                                "",
                                Option.CLIENT_ID,
                                "app",
                                Option.CLIENT_SECRET,
                                "s"),
                        true))
                .as("blank is unset; a token store may hold the tokens")
                .isEqualTo(Kind.OAUTH);
    }

    @Test
    void eachRefusalNamesTheOptionAtFault() {
        assertRefused(Map.of(Option.USER_ID, "1", Option.TOKEN, " "), Option.TOKEN);
        assertRefused(Map.of(Option.TOKEN, "t0ken"), Option.USER_ID);
        assertRefused(Map.of(Option.USER_ID, "1", Option.TOKEN, "t0ken", Option.CLIENT_SECRET, "s"), Option.CLIENT_ID);
        assertRefused(Map.of(Option.USER_ID, "1", Option.TOKEN, "t0ken", Option.ACCESS_TOKEN, "a"), Option.CLIENT_ID);
        assertRefused(Map.of(Option.CLIENT_ID, "app", Option.REFRESH_TOKEN, "r"), Option.CLIENT_SECRET);
        assertRefused(Map.of(Option.CLIENT_ID, "app", Option.CLIENT_SECRET, "s3cret"), Option.REFRESH_TOKEN);
        assertRefused(Map.of(), Option.USER_ID);
    }

    @Test
    void aReasonNamesTheOptionsAsItsCallerDoesAndQuotesNoValue() {
        Refused refused = refused(Map.of(Option.USER_ID, "1"));
        assertThat(refused.getMessage()).isEqualTo("webhook auth needs both userId and token");
        assertThat(refused.reason(o -> o.name().toLowerCase(Locale.ROOT).replace('_', '-')))
                .isEqualTo("webhook auth needs both user-id and token");
        Refused both = refused(Map.of(
                Option.USER_ID, "1",
                Option.TOKEN, "t0ken-value",
                Option.CLIENT_ID, "app",
                Option.CLIENT_SECRET, "s3cret-value"));
        assertThat(both.getMessage())
                .isEqualTo("give either webhook auth (userId, token) or OAuth auth (clientId, clientSecret, "
                        + "accessToken, refreshToken), not both")
                .doesNotContain("t0ken-value")
                .doesNotContain("s3cret-value");
    }

    private static Kind check(Map<Option, String> given, boolean tokenStore) {
        Map<Option, String> values = new EnumMap<>(Option.class);
        values.putAll(given);
        return PortalCredentials.check(values::get, tokenStore);
    }

    private static void assertRefused(Map<Option, String> given, Option option) {
        assertThatThrownBy(() -> check(given, false))
                .isInstanceOfSatisfying(
                        Refused.class, e -> assertThat(e.option()).isEqualTo(option));
    }

    private static Refused refused(Map<Option, String> given) {
        try {
            check(given, false);
        } catch (Refused e) {
            return e;
        }
        throw new AssertionError("not refused: " + given.keySet());
    }
}
