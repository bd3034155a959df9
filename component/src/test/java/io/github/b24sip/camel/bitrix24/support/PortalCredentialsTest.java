package io.github.b24sip.camel.bitrix24.support;

import io.github.b24sip.camel.bitrix24.support.PortalCredentials.Given;
import io.github.b24sip.camel.bitrix24.support.PortalCredentials.Kind;
import io.github.b24sip.camel.bitrix24.support.PortalCredentials.Option;
import io.github.b24sip.camel.bitrix24.support.PortalCredentials.Refused;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one check of a portal's credentials: which kind, and for a refusal the option at fault, in either's names. */
class PortalCredentialsTest {

    @Test
    void aCompleteKindIsThatKind() {
        assertThat(PortalCredentials.check(new Given("1", "t0ken", null, null, null, null, false)))
                .isEqualTo(Kind.WEBHOOK);
        assertThat(PortalCredentials.check(new Given(null, null, "app", "s3cret", null, "r", false)))
                .isEqualTo(Kind.OAUTH);
        assertThat(PortalCredentials.check(new Given(" ", "", "app", "s3cret", null, null, true)))
                .as("blank is unset; a token store may hold the tokens")
                .isEqualTo(Kind.OAUTH);
    }

    @Test
    void eachRefusalNamesTheOptionAtFault() {
        assertRefused(new Given("1", " ", null, null, null, null, false), Option.TOKEN);
        assertRefused(new Given(null, "t0ken", null, null, null, null, false), Option.USER_ID);
        assertRefused(new Given("1", "t0ken", null, "s3cret", null, null, false), Option.CLIENT_ID);
        assertRefused(new Given("1", "t0ken", null, null, "a", null, false), Option.CLIENT_ID);
        assertRefused(new Given(null, null, "app", null, null, "r", false), Option.CLIENT_SECRET);
        assertRefused(new Given(null, null, "app", "s3cret", null, null, false), Option.REFRESH_TOKEN);
        assertRefused(new Given(null, null, null, null, null, null, false), Option.USER_ID);
    }

    @Test
    void aReasonNamesTheOptionsAsItsCallerDoesAndQuotesNoValue() {
        Refused refused = refused(new Given("1", null, null, null, null, null, false));
        assertThat(refused.getMessage()).isEqualTo("webhook auth needs both userId and token");
        assertThat(refused.reason(o -> o.name().toLowerCase(Locale.ROOT).replace('_', '-')))
                .isEqualTo("webhook auth needs both user-id and token");
        Refused both = refused(new Given("1", "t0ken-value", "app", "s3cret-value", null, null, false));
        assertThat(both.getMessage())
                .contains("not both", "clientSecret")
                .doesNotContain("t0ken-value")
                .doesNotContain("s3cret-value");
    }

    private static void assertRefused(Given given, Option option) {
        assertThatThrownBy(() -> PortalCredentials.check(given))
                .isInstanceOfSatisfying(
                        Refused.class, e -> assertThat(e.option()).isEqualTo(option));
    }

    private static Refused refused(Given given) {
        try {
            PortalCredentials.check(given);
        } catch (Refused e) {
            return e;
        }
        throw new AssertionError("not refused: " + given);
    }
}
