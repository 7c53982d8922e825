package dev.mailroom.persistence.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.access.Role;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.OverLimitPolicy;
import dev.mailroom.model.sending.SendingLimitService;
import dev.mailroom.model.sending.TenantLimits;
import dev.mailroom.model.sending.WarmupPlan;
import dev.mailroom.model.suppressions.Suppression;
import dev.mailroom.model.suppressions.SuppressionRemoval;
import dev.mailroom.model.suppressions.SuppressionService;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Who may change sending limits, what is kept and audited, on the real stores. */
class SendingLimitServiceTest {
    @TempDir
    Path dir;

    private static SendingLimitService service(SendingFixture f) {
        return new SendingLimitService(new JooqSendingLimitStore(f.tx), f.tenants, f.access, f.audit, f.tx, f.clock);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void onlyAdminsAndOwnersChangeLimitsAndEveryChangeIsAudited(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            SendingLimitService limits = service(f);
            Actor admin = f.user("ada@agency.test", "Ada Admin", false, Optional.of(Role.ADMIN));
            LocalDate today = LocalDate.of(2026, 5, 4);
            WarmupPlan mailbox = WarmupPlan.linear(WarmupPlan.Scope.MAILBOX, "hello@tryacme.test", 5, 5, 25, today);

            assertThatThrownBy(() -> limits.setPlan(f.editor, f.acme, mailbox)).isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> limits.setProbation(f.editor, f.acme, OptionalInt.of(50)))
                    .isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> limits.setOverLimitPolicy(f.editor, f.acme, OverLimitPolicy.REJECT))
                    .isInstanceOf(PermissionDenied.class);
            // A tenant the admin has no role in does not exist for them.
            TenantId other = f.tenantNamed("Other");
            assertThatThrownBy(() -> limits.setProbation(admin, other, OptionalInt.of(50)))
                    .isInstanceOf(NotFound.class);
            // The editor may read them.
            assertThat(limits.limits(f.editor, f.acme).settings()).isEqualTo(TenantLimits.defaults(f.acme));

            limits.setPlan(admin, f.acme, mailbox);
            limits.setPlan(
                    f.owner,
                    f.acme,
                    WarmupPlan.doubling(WarmupPlan.Scope.DOMAIN, "tryacme.test", 50, 2000, today.minusDays(3)));
            f.clock.advance(Duration.ofMinutes(5));
            TenantLimits probation = limits.setProbation(admin, f.acme, OptionalInt.of(100));
            limits.setOverLimitPolicy(admin, f.acme, OverLimitPolicy.REJECT);
            assertThatThrownBy(() -> limits.setProbation(admin, f.acme, OptionalInt.of(0)))
                    .isInstanceOfSatisfying(
                            InvalidInput.class, e -> assertThat(e.problems()).containsKey("probation"));

            SendingLimitService.Limits read = limits.limits(f.editor, f.acme);
            assertThat(read.settings().probationCap()).hasValue(100);
            assertThat(read.settings().overLimit()).isEqualTo(OverLimitPolicy.REJECT);
            assertThat(read.settings().probationBy()).contains("Ada Admin");
            assertThat(read.settings().probationAt()).contains(SendingFixture.T0.plus(Duration.ofMinutes(5)));
            assertThat(read.settings())
                    .isEqualTo(new TenantLimits(
                            f.acme,
                            OptionalInt.of(100),
                            OverLimitPolicy.REJECT,
                            probation.probationBy(),
                            probation.probationAt()));
            assertThat(read.plans())
                    .extracting(SendingLimitService.PlanStatus::stage)
                    .containsExactly("Day 4 of plan: 400/day, 0 sent today", "Day 1 of plan: 5/day, 0 sent today");
            assertThat(read.ramping())
                    .extracting(s -> s.plan().scope())
                    .containsExactly("hello@tryacme.test", "tryacme.test");

            // Replacing a plan keeps one per scope; the overview sees both tenants' limits it may see.
            limits.setPlan(
                    admin, f.acme, WarmupPlan.linear(WarmupPlan.Scope.MAILBOX, "HELLO@tryacme.test", 10, 5, 25, today));
            assertThat(limits.limits(admin, f.acme).plans()).hasSize(2);
            limits.setProbation(f.owner, other, OptionalInt.of(20));
            assertThat(limits.limitsOfVisibleTenants(f.owner)).containsOnlyKeys(f.acme, other);
            assertThat(limits.limitsOfVisibleTenants(admin)).containsOnlyKeys(f.acme);

            limits.removePlan(admin, f.acme, WarmupPlan.Scope.MAILBOX, "hello@tryacme.test");
            limits.setProbation(admin, f.acme, OptionalInt.empty());
            assertThat(limits.limits(admin, f.acme).plans())
                    .extracting(s -> s.plan().kind())
                    .containsExactly(WarmupPlan.Scope.DOMAIN);
            assertThat(limits.limits(admin, f.acme).settings().onProbation()).isFalse();

            List<AuditEntry> trail = f.tx.inTransaction(f.auditStore::all);
            assertThat(trail)
                    .extracting(AuditEntry::action)
                    .containsExactly(
                            "limits.warmup.set",
                            "limits.warmup.set",
                            "limits.probation.set",
                            "limits.overlimit.set",
                            "limits.warmup.set",
                            "limits.probation.set",
                            "limits.warmup.removed",
                            "limits.probation.lifted");
            assertThat(trail.get(2).actorName()).isEqualTo("Ada Admin");
            assertThat(trail.get(2).details()).contains("100");
            assertThat(trail.get(0).details()).contains("5/day +5 a day up to 25");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void removingASuppressionNeedsAReasonWhichIsKeptAndAudited(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            SuppressionService suppressions =
                    new SuppressionService(f.suppressions, f.tenants, f.access, f.audit, f.tx, f.clock);
            Actor designer = f.user("des@agency.test", "Dee Designer", false, Optional.of(Role.DESIGNER));
            suppressions.addManual(f.editor, f.acme, "tryacme.test", "ann@example.net", "asked by phone");

            assertThatThrownBy(() -> suppressions.remove(f.editor, f.acme, "tryacme.test", "ann@example.net", "  "))
                    .isInstanceOfSatisfying(
                            InvalidInput.class, e -> assertThat(e.problems()).containsKey("reason"));
            assertThatThrownBy(() -> suppressions.remove(
                            designer, f.acme, "tryacme.test", "ann@example.net", "she re-subscribed"))
                    .isInstanceOf(PermissionDenied.class);
            assertThat(suppressions.isSuppressed(f.acme, "tryacme.test", "ann@example.net"))
                    .isTrue();

            f.clock.advance(Duration.ofHours(1));
            suppressions.remove(
                    f.editor,
                    f.acme,
                    "tryacme.test",
                    "Ann@example.net",
                    "She re-subscribed on the website (ticket 4411).");
            assertThat(suppressions.isSuppressed(f.acme, "tryacme.test", "ann@example.net"))
                    .isFalse();
            List<SuppressionRemoval> kept = suppressions.removals(f.owner, f.acme, "tryacme.test");
            assertThat(kept).singleElement().satisfies(r -> {
                assertThat(r.why()).isEqualTo("She re-subscribed on the website (ticket 4411).");
                assertThat(r.removedBy()).isEqualTo("Ed Editor");
                assertThat(r.removedAt()).isEqualTo(SendingFixture.T0.plus(Duration.ofHours(1)));
                assertThat(r.was())
                        .extracting(Suppression::address, Suppression::note)
                        .containsExactly("ann@example.net", "asked by phone");
            });
            assertThat(f.tx.inTransaction(f.auditStore::all))
                    .filteredOn(e -> e.action().equals("suppression.removed"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.details()).contains("ticket 4411"));
        }
    }
}
