package dev.mailroom.persistence.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.access.Role;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.onboarding.Checklist;
import dev.mailroom.model.onboarding.ChecklistItem;
import dev.mailroom.model.onboarding.Evidence;
import dev.mailroom.model.onboarding.OnboardingFact;
import dev.mailroom.model.onboarding.OnboardingService;
import dev.mailroom.model.onboarding.StoreFacts;
import dev.mailroom.model.sending.SendingLimitService;
import dev.mailroom.persistence.domains.JooqDomainStore;
import dev.mailroom.persistence.sending.JooqSendingLimitStore;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.suppressions.JooqReportMailboxStore;
import dev.mailroom.persistence.templates.JooqTemplateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The onboarding checklist on the real stores: facts tick and un-tick, people tick with notes and evidence. */
class OnboardingServiceTest {
    @TempDir
    Path dir;

    private static OnboardingService service(SendingFixture f) {
        StoreFacts facts = new StoreFacts(
                new JooqDomainStore(f.tx),
                f.connections,
                new JooqConnectionTests(f.tx),
                new JooqTemplateStore(f.tx),
                new JooqSendingLimitStore(f.tx),
                new JooqReportMailboxStore(f.tx),
                new dev.mailroom.persistence.providers.JooqSyncStore(f.tx),
                f.memberships,
                f.users);
        return new OnboardingService(new JooqOnboardingStore(f.tx), facts, f.tenants, f.access, f.audit, f.tx, f.clock);
    }

    private static Checklist.Line line(Checklist c, String labelStart) {
        return c.lines().stream()
                .filter(l -> l.item().label().startsWith(labelStart))
                .findFirst()
                .orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void factsTickThemselvesAndSayWhenTheyStopHolding(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            OnboardingService onboarding = service(f);
            Checklist fresh = onboarding.checklist(f.editor, f.acme);
            // PRODUCT.md section 9: eight vetting items and six that Mailroom sees.
            assertThat(fresh.lines()).hasSize(14);
            assertThat(fresh.lines().stream().filter(Checklist.Line::automatic)).hasSize(6);
            assertThat(line(fresh, "A warm-up plan").state()).isEqualTo(Checklist.State.OPEN);
            assertThat(line(fresh, "A warm-up plan").words()).isEqualTo("No warm-up plan and no probation.");
            // The agency owner counts as one who can administer; one is not enough.
            assertThat(line(fresh, "Two people").words())
                    .isEqualTo("Only Olive Owner can administer it; a second Owner or Admin is needed.");

            SendingLimitService limits = new SendingLimitService(
                    new JooqSendingLimitStore(f.tx), f.tenants, f.access, f.audit, f.tx, f.clock);
            limits.setProbation(f.owner, f.acme, OptionalInt.of(200));
            f.user("ada@agency.test", "Ada Admin", false, Optional.of(Role.ADMIN));
            Checklist after = onboarding.checklist(f.editor, f.acme);
            assertThat(line(after, "A warm-up plan").state()).isEqualTo(Checklist.State.DONE);
            assertThat(line(after, "A warm-up plan").words()).isEqualTo("Probation at 200 a day.");
            assertThat(line(after, "Two people").words())
                    .isEqualTo("2 people can administer it: Ada Admin, Olive Owner.");
            assertThat(after.progress().describe()).isEqualTo("2 of 14");

            f.clock.advance(Duration.ofDays(2));
            limits.setProbation(f.owner, f.acme, OptionalInt.empty());
            Checklist lost = onboarding.checklist(f.editor, f.acme);
            assertThat(line(lost, "A warm-up plan").state()).isEqualTo(Checklist.State.LOST);
            assertThat(line(lost, "A warm-up plan").words())
                    .isEqualTo("No longer true. Was: Probation at 200 a day. (4 May 2026) Now: No warm-up plan and no"
                            + " probation.");
            assertThat(lost.progress().describe()).isEqualTo("1 of 14");
            assertThat(onboarding.progressOfVisibleTenants(f.owner)).containsEntry(f.acme, lost.progress());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void peopleTickWithANoteAndEvidenceAuditedAndRetiringAnItemLosesNoAnswer(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            OnboardingService onboarding = service(f);
            Actor admin = f.user("ada@agency.test", "Ada Admin", false, Optional.of(Role.ADMIN));
            List<ChecklistItem> items = onboarding.items(admin);
            ChecklistItem legit = items.get(0);
            ChecklistItem optIn = items.stream()
                    .filter(i -> i.label().startsWith("Double opt-in"))
                    .findFirst()
                    .orElseThrow();
            ChecklistItem fact = items.stream()
                    .filter(i -> i.fact().equals(Optional.of(OnboardingFact.LIMITS_SET)))
                    .findFirst()
                    .orElseThrow();
            Evidence extract = Evidence.of("C:\\scans\\register-extract.pdf", "%PDF-1.4 extract".getBytes());
            assertThat(extract.name()).isEqualTo("register-extract.pdf");

            assertThatThrownBy(() -> onboarding.tick(f.editor, f.acme, legit.id(), "checked", Optional.empty()))
                    .isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> onboarding.tick(admin, f.acme, legit.id(), " ", Optional.empty()))
                    .isInstanceOf(InvalidInput.class);
            assertThatThrownBy(() -> onboarding.tick(admin, f.acme, fact.id(), "set", Optional.empty()))
                    .isInstanceOf(Conflict.class);
            assertThatThrownBy(() -> Evidence.of("big.pdf", new byte[Evidence.MAX_BYTES + 1]))
                    .isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("at most 2,048 KB");
            assertThatThrownBy(() -> Evidence.of("run.exe", new byte[] {1}))
                    .isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("PDF, PNG");

            Checklist ticked = onboarding.tick(
                    admin,
                    f.acme,
                    legit.id(),
                    "Companies House 01234567, website and phone match",
                    Optional.of(extract));
            Checklist.Line l = line(ticked, legit.label());
            assertThat(l.state()).isEqualTo(Checklist.State.DONE);
            assertThat(l.by()).contains("Ada Admin");
            assertThat(l.evidenceName()).contains("register-extract.pdf");
            assertThat(onboarding.evidence(admin, f.acme, legit.id()).bytes()).isEqualTo("%PDF-1.4 extract".getBytes());
            onboarding.tick(admin, f.acme, optIn.id(), "Saw the confirmation mail of their form", Optional.empty());

            // Un-ticking needs a reason and drops the evidence.
            Checklist unticked = onboarding.untick(admin, f.acme, optIn.id(), "Form changed to single opt-in");
            assertThat(line(unticked, "Double opt-in").state()).isEqualTo(Checklist.State.OPEN);
            assertThat(line(unticked, "Double opt-in").words()).isEqualTo("Un-ticked: Form changed to single opt-in");

            // The template: only the agency owner edits it; a retired item leaves progress, its answer stays.
            assertThatThrownBy(() -> onboarding.addItem(admin, "Vetting", "Signed acceptable-use policy"))
                    .isInstanceOf(PermissionDenied.class);
            ChecklistItem aup = onboarding.addItem(f.owner, "vetting", "Signed acceptable-use policy");
            assertThat(aup.section()).isEqualTo("Vetting");
            Checklist withNew = onboarding.checklist(admin, f.acme);
            assertThat(withNew.lines()).hasSize(15);
            assertThat(withNew.lines().get(8).item().label()).isEqualTo("Signed acceptable-use policy");
            onboarding.retireItem(f.owner, legit.id());
            assertThat(onboarding.checklist(admin, f.acme).lines())
                    .hasSize(14)
                    .noneMatch(x -> x.item().id().equals(legit.id()));
            assertThat(onboarding.evidence(admin, f.acme, legit.id()).name()).isEqualTo("register-extract.pdf");

            List<String> audit = f.tx.inTransaction(() -> f.tx.dsl()
                    .resultQuery("select action, details from audit_entry where action like 'onboarding.%' order by id")
                    .fetch()
                    .map(r -> r.get(0, String.class) + " " + r.get(1, String.class)));
            assertThat(audit).hasSize(5);
            assertThat(audit.get(0)).startsWith("onboarding.ticked").contains("register-extract.pdf", "sha256");
            assertThat(audit.get(2)).startsWith("onboarding.unticked").contains("single opt-in");
            assertThat(audit.get(3)).startsWith("onboarding.item.added");
            assertThat(audit.get(4)).startsWith("onboarding.item.retired");
        }
    }
}
