package dev.mailroom.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.Throttled;
import dev.mailroom.persistence.audit.JooqAuditStore;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignInUseCasesTest {
    @TempDir
    Path dir;

    private Store store;
    private Services services;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));

    private void open(Backend backend) {
        store = backend.open(dir);
        services = Services.create(store, clock);
        char[] pw = "owner-password".toCharArray();
        services.firstRun().setUp(new AgencySetup("Brightwave", "Ana Owner", "Ana@Brightwave.example", pw, pw));
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private List<String> actions() {
        return store.transactions().inTransaction(() -> new JooqAuditStore(store.transactions()).all()).stream()
                .map(AuditEntry::action)
                .toList();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theFirstRunCreatesTheOwnerOnceWithAStrongEnoughPassword(Backend backend) {
        store = backend.open(dir);
        services = Services.create(store, clock);
        char[] shortPw = "short".toCharArray();
        assertThatThrownBy(
                        () -> services.firstRun().setUp(new AgencySetup("A", "Ana", "ana@a.example", shortPw, shortPw)))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.problems()).containsKey("password"));
        assertThatThrownBy(() -> services.firstRun()
                        .setUp(new AgencySetup(
                                "A", "Ana", "ana@a.example", "long-enough".toCharArray(), "long-enougH".toCharArray())))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.problems()).containsKey("passwordAgain"));
        assertThat(services.firstRun().needsSetup()).isTrue();

        char[] pw = "long-enough".toCharArray();
        var owner = services.firstRun().setUp(new AgencySetup("Agency", "Ana", "ana@a.example", pw, pw));
        assertThat(owner.user().agencyOwner()).isTrue();
        assertThatThrownBy(() -> services.firstRun().setUp(new AgencySetup("Other", "Eve", "eve@a.example", pw, pw)))
                .isInstanceOf(Conflict.class);
        assertThat(services.signIn().signIn("ANA@a.example ", pw).user().name()).isEqualTo("Ana");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void repeatedWrongPasswordsSlowDownAndEveryAttemptIsAudited(Backend backend) {
        open(backend);
        for (int i = 1; i <= 4; i++) {
            assertThatThrownBy(() -> services.signIn().signIn("ana@brightwave.example", "wrong-password".toCharArray()))
                    .isInstanceOf(InvalidInput.class)
                    .hasMessage("Wrong email or password.");
        }
        assertThatThrownBy(() -> services.signIn().signIn("ana@brightwave.example", "wrong-password".toCharArray()))
                .isInstanceOfSatisfying(
                        Throttled.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
        // While waiting, even the right password is refused.
        assertThatThrownBy(() -> services.signIn().signIn("ana@brightwave.example", "owner-password".toCharArray()))
                .isInstanceOf(Throttled.class)
                .hasMessageContaining("Try again in 30 s");

        clock.advance(Duration.ofSeconds(31));
        assertThatThrownBy(() -> services.signIn().signIn("ana@brightwave.example", "wrong-again".toCharArray()))
                .isInstanceOfSatisfying(
                        Throttled.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(60)));
        clock.advance(Duration.ofSeconds(61));
        var signedIn = services.signIn().signIn("ana@brightwave.example", "owner-password".toCharArray());
        assertThat(signedIn.user().failedSignIns()).isZero();

        assertThat(actions())
                .containsSubsequence(
                        "signin.failed",
                        "signin.failed",
                        "signin.failed",
                        "signin.failed",
                        "signin.failed",
                        "signin.refused",
                        "signin.failed",
                        "signin.succeeded");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anUnknownAddressGetsTheSameAnswerAndIsAuditedWithoutAnActor(Backend backend) {
        open(backend);
        assertThatThrownBy(() -> services.signIn().signIn("nobody@brightwave.example", "whatever-pw".toCharArray()))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("Wrong email or password.");
        AuditEntry last = store.transactions()
                .inTransaction(() -> new JooqAuditStore(store.transactions()).all())
                .get(actions().size() - 1);
        assertThat(last.action()).isEqualTo("signin.failed");
        assertThat(last.actorId()).isEmpty();
        assertThat(last.target()).isEqualTo("nobody@brightwave.example");
    }
}
