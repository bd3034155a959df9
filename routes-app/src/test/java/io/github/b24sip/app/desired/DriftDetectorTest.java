package io.github.b24sip.app.desired;

import io.github.b24sip.camel.bitrix24.model.SipLine;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Drift as the planner compares: each kind, the UI-only fields ignored, only a mirror or a delete makes unexpected. */
class DriftDetectorTest {

    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    private static DeclaredLine declared(String title, String server) {
        return new DeclaredLine(title, "cloud", server, "acc-1", "secret", false, "lines.csv row 2", AT);
    }

    private static SipLine onPortal(int configId, String title, String server, long regId, String authUser) {
        return new SipLine(
                configId, configId, "cloud", title, server, "acc-1", "secret", regId, null, null, null, authUser, null,
                "Y", null, null, null);
    }

    private static PortalDeclaration declaring(DeclaredLine... lines) {
        return PortalDeclaration.none("p").with(List.of(lines));
    }

    @Test
    void aChangedFieldIsNamedAndTheFieldsOnlyTheUiSetsAreNot() {
        List<Drift> drifts = DriftDetector.detect(
                declaring(declared("Trunk", "sip.example.com")),
                List.of(onPortal(7, "Trunk", "pbx.admin.example", 5, "admin-auth-user")),
                Set.of());
        assertThat(drifts).containsExactly(new Drift("Trunk", 7, DriftKind.CHANGED, List.of("server")));

        assertThat(DriftDetector.detect(
                        declaring(declared("Trunk", "sip.example.com")),
                        List.of(onPortal(7, "Trunk", "sip.example.com", 5, "admin-auth-user")),
                        Set.of()))
                .as("AUTH_USER set in the UI is not drift")
                .isEmpty();
    }

    @Test
    void valuesAreComparedAsThePortalStoresThem() {
        assertThat(DriftDetector.detect(
                        declaring(declared("trunk", " https://sip.example.com ")),
                        List.of(onPortal(7, "trunk", "sip.example.com", 5, null)),
                        Set.of()))
                .isEmpty();
    }

    @Test
    void aDeclaredOfficeLineIsNotWatchedForThePollReadsCloudLinesOnly() {
        DeclaredLine office =
                new DeclaredLine("Desk", "office", "pbx.example.com", "100", "pw", false, "a.csv row 3", AT);
        assertThat(DriftDetector.detect(declaring(office), List.of(), Set.of())).isEmpty();
    }

    @Test
    void aDeclaredLineNotOnThePortalIsMissingAndOneWithoutRegistrationIsUnregistered() {
        assertThat(DriftDetector.detect(declaring(declared("Gone", "sip.example.com")), List.of(), Set.of()))
                .containsExactly(new Drift("Gone", null, DriftKind.MISSING, List.of()));
        assertThat(DriftDetector.detect(
                        declaring(declared("Trunk", "sip.example.com")),
                        List.of(onPortal(7, "Trunk", "sip.example.com", 0, null)),
                        Set.of()))
                .containsExactly(new Drift("Trunk", 7, DriftKind.UNREGISTERED, List.of()));
    }

    @Test
    void onlyADeleteOrAMirrorMakesALineUnexpectedAndARefusedDeleteIsUndeletable() {
        List<SipLine> portal =
                List.of(onPortal(7, "Trunk", "sip.example.com", 5, null), onPortal(8, "Other", "x", 6, null));
        assertThat(DriftDetector.detect(declaring(declared("Trunk", "sip.example.com")), portal, Set.of()))
                .as("a line nobody declared is not ours to judge")
                .isEmpty();

        PortalDeclaration deleted = declaring(DeclaredLine.absent("Other", "command 9 (kafka)", AT));
        assertThat(DriftDetector.detect(deleted, portal, Set.of()))
                .containsExactly(new Drift("Other", 8, DriftKind.UNEXPECTED, List.of()));
        assertThat(DriftDetector.detect(deleted, portal, Set.of(8)))
                .containsExactly(new Drift("Other", 8, DriftKind.UNDELETABLE, List.of()));

        PortalDeclaration mirror =
                declaring(declared("Trunk", "sip.example.com")).mirrored("trunk"::equals, "lines.mirror.csv");
        assertThat(DriftDetector.detect(mirror, portal, Set.of()))
                .containsExactly(new Drift("Other", 8, DriftKind.UNEXPECTED, List.of()));
    }
}
