package dev.mailroom.persistence.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.access.Role;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.onboarding.EscalationLevel;
import dev.mailroom.model.onboarding.EscalationService;
import dev.mailroom.model.onboarding.Governance;
import dev.mailroom.model.onboarding.PausePolicy;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Who may climb and descend the escalation ladder, that a reason is required, and what is audited. */
class EscalationServiceTest {
    @TempDir
    Path dir;

    private static EscalationService service(SendingFixture f) {
        return new EscalationService(
                new JooqGovernanceStore(f.tx, f.outbox), f.tenants, f.events, f.access, f.audit, f.tx, f.clock);
    }

    private static List<String> audit(SendingFixture f) {
        return f.tx.inTransaction(() -> f.tx.dsl()
                .resultQuery("select action, actor_name, details from audit_entry where action like 'escalation.%'"
                        + " order by id")
                .fetch()
                .map(r -> r.get(0, String.class) + " by " + r.get(1, String.class) + ": " + r.get(2, String.class)));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void adminsRestrictAndSuspendOnlyOwnersBanAndEveryStepNeedsAReasonAndIsAudited(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            EscalationService esc = service(f);
            Actor admin = f.user("ada@agency.test", "Ada Admin", false, Optional.of(Role.ADMIN));

            // Editors send, but do not escalate; admins do not ban (a ban archives the tenant: Owner only).
            assertThatThrownBy(() -> esc.suspend(f.editor, f.acme, "why")).isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> esc.restrict(f.editor, f.acme, 10, "why")).isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> esc.ban(admin, f.acme, "why")).isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> esc.suspend(admin, f.acme, "  "))
                    .isInstanceOf(InvalidInput.class)
                    .satisfies(e -> assertThat(((InvalidInput) e).problems()).containsKey("reason"));
            assertThatThrownBy(() -> esc.restrict(admin, f.acme, 0, "why"))
                    .isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("between 1 and 1,000,000");

            Governance restricted = esc.restrict(admin, f.acme, 100, "Bounce rate climbing");
            assertThat(restricted.describe()).isEqualTo("Restricted to 100 a day: Bounce rate climbing");
            Governance suspended = esc.suspend(admin, f.acme, "Spam trap hits");
            assertThat(suspended.is(EscalationLevel.SUSPENDED)).isTrue();
            assertThatThrownBy(() -> esc.suspend(admin, f.acme, "again")).isInstanceOf(Conflict.class);
            // The editor reads the standing (every role sees the tenant's state).
            assertThat(esc.standing(f.editor, f.acme).flag()).isEqualTo("Suspended: Spam trap hits");

            esc.ban(f.owner, f.acme, "Bought list, second time");
            assertThat(f.tenants.find(f.acme).orElseThrow().isArchived()).isTrue();
            // Lifting a ban needs the owner, like the ban.
            assertThatThrownBy(() -> esc.lift(admin, f.acme, "try")).isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> esc.lift(f.owner, f.acme, "")).isInstanceOf(InvalidInput.class);
            Governance lifted = esc.lift(f.owner, f.acme, "Client signed the acceptable-use policy");
            assertThat(lifted.level()).isEmpty();
            assertThat(f.tenants.find(f.acme).orElseThrow().isArchived()).isFalse();
            assertThatThrownBy(() -> esc.lift(f.owner, f.acme, "nothing to lift"))
                    .isInstanceOf(Conflict.class);

            assertThatThrownBy(() -> esc.setPausePolicy(admin, f.acme, PausePolicy.STRICT, 0, 7))
                    .isInstanceOf(InvalidInput.class);
            assertThat(esc.setPausePolicy(admin, f.acme, PausePolicy.STANDARD, 200, 14)
                            .pausePolicy())
                    .isEqualTo(PausePolicy.STANDARD);

            assertThat(audit(f))
                    .hasSize(5)
                    .satisfiesExactly(
                            e -> assertThat(e)
                                    .startsWith("escalation.restricted by Ada Admin")
                                    .contains("Bounce rate"),
                            e -> assertThat(e)
                                    .startsWith("escalation.suspended by Ada Admin")
                                    .contains("Spam trap"),
                            e -> assertThat(e)
                                    .startsWith("escalation.banned by ")
                                    .contains("Bought list"),
                            e -> assertThat(e)
                                    .startsWith("escalation.lifted by ")
                                    .contains("acceptable-use"),
                            e -> assertThat(e).startsWith("escalation.policy.set by Ada Admin"));
        }
    }
}
