package dev.mailroom.app.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.app.testing.ConsoleWorld;
import dev.mailroom.model.audit.AuditQuery;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.UserId;
import dev.mailroom.model.onboarding.ChecklistItem;
import dev.mailroom.model.tenants.Tenant;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The onboarding checklist's template editor without a window, on a real H2 store: the owner adds an
 * item (every client's checklist asks it), retires one (no longer counted, its answer kept), a blank item
 * is refused beside its field, and someone else is refused by the use case.
 */
class ChecklistTemplateViewModelTest {
    @TempDir
    Path dir;

    private ConsoleWorld world;
    private Services s;
    private Actor owner;
    private Tenant acme;
    private final SynchronousRunner runner = BackgroundRunner.synchronous();

    @BeforeEach
    void open() {
        world = ConsoleWorld.h2(dir.resolve("store"));
        s = world.services;
        owner = world.owner;
        acme = world.tenant("Acme");
    }

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void theOwnerAddsAndRetiresItemsAndEveryChecklistFollows() {
        ChecklistTemplateViewModel vm = new ChecklistTemplateViewModel(s.onboarding(), owner, runner);
        vm.load();
        int before = vm.items().size();
        int asked = s.onboarding().checklist(owner, acme.id()).progress().total();
        assertThat(before).isPositive();
        assertThat(vm.sections()).isNotEmpty();
        String vetting = vm.sections().get(0);

        vm.section().set(vetting.toUpperCase(java.util.Locale.ROOT));
        vm.label().set("Privacy policy names the agency as processor");
        vm.add();

        assertThat(vm.errors().isEmpty()).isTrue();
        assertThat(vm.changed().get()).isTrue();
        assertThat(vm.label().get()).as("ready for the next one").isEmpty();
        assertThat(vm.items()).hasSize(before + 1);
        ChecklistItem added = vm.items().stream()
                .filter(i -> i.label().equals("Privacy policy names the agency as processor"))
                .findFirst()
                .orElseThrow();
        assertThat(added.section()).as("joins the section as it is spelled").isEqualTo(vetting);
        assertThat(vm.outcome().get()).startsWith("Added \u201cPrivacy policy names the agency as processor\u201d");
        assertThat(s.onboarding().checklist(owner, acme.id()).progress().total())
                .isEqualTo(asked + 1);

        // Tick it for Acme, then retire it: no longer counted, and the answer stays in the store.
        var line = s.onboarding().checklist(owner, acme.id()).lines().stream()
                .filter(l -> l.item().id().equals(added.id()))
                .findFirst()
                .orElseThrow();
        s.onboarding().tick(owner, acme.id(), line.item().id(), "Read it on their site.", Optional.empty());
        vm.retire(added);

        assertThat(vm.items())
                .filteredOn(i -> i.id().equals(added.id()))
                .singleElement()
                .satisfies(i -> assertThat(i.retired()).isTrue());
        assertThat(s.onboarding().checklist(owner, acme.id()).progress().total())
                .isEqualTo(asked);
        assertThat(s.auditLog()
                        .search(
                                owner,
                                new AuditQuery(
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.of("onboarding.item."),
                                        Optional.empty(),
                                        Optional.empty(),
                                        10)))
                .extracting(e -> e.action())
                .containsExactlyInAnyOrder("onboarding.item.added", "onboarding.item.retired");
    }

    @Test
    void aBlankItemIsRefusedBesideItsFieldAndSomeoneElseByTheUseCase() {
        ChecklistTemplateViewModel vm = new ChecklistTemplateViewModel(s.onboarding(), owner, runner);
        vm.load();
        int before = vm.items().size();
        vm.section().set("Vetting");
        vm.label().set("   ");
        vm.add();
        assertThat(vm.errors().get("label")).startsWith("Say what is to be checked");
        assertThat(vm.busy().get()).isFalse();

        Actor stranger = Actor.of(new Principal(new UserId(999), "Not The Owner"));
        ChecklistTemplateViewModel theirs = new ChecklistTemplateViewModel(s.onboarding(), stranger, runner);
        theirs.section().set("Vetting");
        theirs.label().set("Something of mine");
        theirs.add();
        assertThat(theirs.errors().general().get()).isNotBlank();
        assertThat(s.onboarding().items(owner)).hasSize(before);
    }
}
