package io.github.b24sip.app.desired;

import io.github.b24sip.camel.voximplant.model.SipRegistration;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Registrations compared on what GetSipRegistrations returns; a proxy changed outside the app is changed, not missing. */
class RegistrationDriftDetectorTest {

    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    private static SipRegistration on(long id, String user, String proxy, String authUser) {
        return new SipRegistration(
                id, user, proxy, null, authUser, null, true, 200, null, false, null, null, null, true, null, null, null,
                null, null, null);
    }

    private static AccountDeclaration declaring(DeclaredRegistration... registrations) {
        return AccountDeclaration.none("vox").with(List.of(registrations), AT);
    }

    private static DeclaredRegistration declared(String user, String proxy, String authUser) {
        return DeclaredRegistration.of(
                authUser == null
                        ? Map.of("sip_username", user, "proxy", proxy, "password", "pw")
                        : Map.of("sip_username", user, "proxy", proxy, "auth_user", authUser, "password", "pw"),
                false,
                "r.csv row 2",
                AT);
    }

    @Test
    void aFieldTheApiReturnsIsComparedAndThePasswordIsNot() {
        assertThat(RegistrationDriftDetector.detect(
                        declaring(declared("alice", "sip.example.com", "a1")),
                        List.of(on(1, "alice", "sip.example.com", "other"))))
                .containsExactly(new Drift("alice@sip.example.com", null, DriftKind.CHANGED, List.of("auth_user")));
        assertThat(RegistrationDriftDetector.detect(
                        declaring(declared("alice", "SIP.example.com", null)),
                        List.of(on(1, "alice", "sip.example.com", "anything"))))
                .as("the proxy's case and an undeclared field are no drift")
                .isEmpty();
    }

    @Test
    void aProxyChangedOutsideTheAppIsChangedOnProxyUnlessTheUserNameIsAmbiguous() {
        AccountDeclaration alice = declaring(declared("alice", "sip.example.com", null));
        assertThat(RegistrationDriftDetector.detect(alice, List.of(on(1, "alice", "sip.elsewhere.example", null))))
                .containsExactly(new Drift("alice@sip.example.com", null, DriftKind.CHANGED, List.of("proxy")));
        assertThat(RegistrationDriftDetector.detect(
                        alice,
                        List.of(
                                on(1, "alice", "sip.elsewhere.example", null),
                                on(2, "alice", "sip.third.example", null))))
                .as("two candidates: which one moved is not known")
                .containsExactly(new Drift("alice@sip.example.com", null, DriftKind.MISSING, List.of()));
        assertThat(RegistrationDriftDetector.detect(alice, List.of()))
                .containsExactly(new Drift("alice@sip.example.com", null, DriftKind.MISSING, List.of()));
    }

    @Test
    void oneDeclaredDeletedIsUnexpectedWhileItExists() {
        AccountDeclaration deleted = AccountDeclaration.none("vox")
                .with(
                        List.of(DeclaredRegistration.of(
                                Map.of("sip_username", "bob", "proxy", "sip.example.com"), true, "command 9", AT)),
                        AT);
        assertThat(RegistrationDriftDetector.detect(deleted, List.of(on(3, "bob", "sip.example.com", null))))
                .containsExactly(new Drift("bob@sip.example.com", null, DriftKind.UNEXPECTED, List.of()));
        assertThat(RegistrationDriftDetector.detect(deleted, List.of())).isEmpty();
    }
}
