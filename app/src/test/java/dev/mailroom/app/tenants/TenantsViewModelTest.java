package dev.mailroom.app.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.testing.ConsoleWorld;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agency › Tenants and a tenant's profile actions, on a real H2 store, without a window. */
class TenantsViewModelTest {
    @TempDir
    Path dir;

    private ConsoleWorld world;
    private Tenant acme;
    private final SynchronousRunner runner = BackgroundRunner.synchronous();
    private final ObservableList<Tenant> tenants = FXCollections.observableArrayList();

    @BeforeEach
    void open() {
        world = ConsoleWorld.h2(dir.resolve("store"));
        acme = world.services
                .tenants()
                .create(
                        world.owner,
                        new TenantDraft(
                                "Acme",
                                "#2563EB",
                                "Morgan Lee",
                                "morgan@acme.example",
                                OwnershipModel.AGENCY_OWNED,
                                PartnerAccessPattern.AGENCY_MANAGED));
        world.tenant("Bolt");
        world.tenant("Northwind");
    }

    @AfterEach
    void close() {
        world.close();
    }

    /** The page's view model as the person {@code actor} sees it; the list reloads after each change. */
    private TenantsViewModel vm(Actor actor) {
        Runnable reload = () -> tenants.setAll(world.services.tenants().list(actor));
        reload.run();
        TenantDetailsViewModel details = new TenantDetailsViewModel(
                world.services.tenants(), world.services.access(), actor, world.clock, reload, runner);
        return new TenantsViewModel(tenants, actor.equals(world.owner), details);
    }

    private Tenant named(String name) {
        return tenants.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void filtersByNameOrContactAndByActiveOrArchivedWithACount() {
        TenantsViewModel vm = vm(world.owner);
        assertThat(vm.shown()).extracting(Tenant::name).containsExactlyInAnyOrder("Acme", "Bolt", "Northwind");
        assertThat(vm.count().get()).isEqualTo("3 active");

        vm.filter().set("  MORGAN ");
        assertThat(vm.shown()).extracting(Tenant::name).containsExactly("Acme");
        assertThat(vm.count().get()).isEqualTo("1 active");
        vm.filter().set("north");
        assertThat(vm.shown()).extracting(Tenant::name).containsExactly("Northwind");
        vm.filter().set("");

        vm.details().show(Optional.of(named("Bolt")));
        vm.details().archive();
        assertThat(vm.shown()).extracting(Tenant::name).containsExactlyInAnyOrder("Acme", "Northwind");
        assertThat(vm.count().get()).isEqualTo("2 active");
        vm.archived().set(true);
        assertThat(vm.shown()).extracting(Tenant::name).containsExactly("Bolt");
        assertThat(vm.count().get()).isEqualTo("1 archived");
        vm.added();
        assertThat(vm.archived().get()).isFalse();
    }

    @Test
    void theOwnerArchivesRestoresAndPurgesOnlyAfterNinetyDaysWithTheTypedName() {
        TenantsViewModel vm = vm(world.owner);
        TenantDetailsViewModel details = vm.details();
        details.show(Optional.of(acme));
        TenantDetailsViewModel.Shown shown = details.shown().get();
        assertThat(shown.tenant().name()).isEqualTo("Acme");
        assertThat(shown.mayEdit()).isTrue();
        assertThat(shown.mayArchive()).isTrue();
        assertThat(shown.drift()).isEmpty();

        details.archive();
        details.show(Optional.of(named("Acme")));
        shown = details.shown().get();
        assertThat(shown.tenant().isArchived()).isTrue();
        assertThat(shown.purgeDaysLeft()).isEqualTo(90);
        assertThat(shown.mayPurge()).isFalse();

        details.restore();
        assertThat(named("Acme").isArchived()).isFalse();

        details.show(Optional.of(named("Acme")));
        details.archive();
        world.clock.advance(Duration.ofDays(91));
        details.show(Optional.of(named("Acme")));
        assertThat(details.shown().get().mayPurge()).isTrue();

        details.purge("acme inc");
        assertThat(details.problem().get()).startsWith("Could not purge Acme: ");
        assertThat(tenants).extracting(Tenant::name).contains("Acme");

        details.purge("Acme");
        assertThat(details.problem().get()).isEmpty();
        assertThat(tenants).extracting(Tenant::name).containsExactlyInAnyOrder("Bolt", "Northwind");
        assertThat(runner.reported()).isEmpty();
    }

    @Test
    void aReadOnlyRoleSeesWhyAndARefusedActionIsShownNotLost() {
        Actor designer = world.member(acme, Role.DESIGNER, "bea@acme.example");
        TenantsViewModel vm = vm(designer);
        assertThat(vm.mayAdd()).isFalse();
        assertThat(vm.shown()).extracting(Tenant::name).containsExactly("Acme");
        TenantDetailsViewModel details = vm.details();
        details.show(Optional.of(acme));
        assertThat(details.shown().get().mayEdit()).isFalse();
        assertThat(details.shown().get().mayArchive()).isFalse();

        details.archive();
        assertThat(details.problem().get()).startsWith("Could not archive Acme: ");
        assertThat(details.selected()).contains(acme);
        assertThat(world.services.tenants().get(world.owner, acme.id()).isArchived())
                .isFalse();

        // Nothing selected: nothing shown, nothing to act on.
        details.show(Optional.empty());
        assertThat(details.shown().get()).isNull();
        assertThat(details.problem().get()).isEmpty();
        details.archive();
        assertThat(details.problem().get()).isEmpty();
    }
}
