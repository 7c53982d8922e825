package dev.mailroom.app.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.testing.ConsoleWorld;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.tenants.Tenant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Add and edit tenant, on a real H2 store, without a window. */
class TenantFormViewModelTest {
    @TempDir
    Path dir;

    private ConsoleWorld world;
    private final SynchronousRunner runner = BackgroundRunner.synchronous();
    private final List<Tenant> saved = new ArrayList<>();

    @BeforeEach
    void open() {
        world = ConsoleWorld.h2(dir.resolve("store"));
    }

    @AfterEach
    void close() {
        world.close();
    }

    private TenantFormViewModel form(Actor actor, Optional<Tenant> editing) {
        return new TenantFormViewModel(world.services.tenants(), actor, 3, runner, editing);
    }

    @Test
    void problemsShowOnSaveThenFollowWhatIsTypedAndAGoodFormAddsTheTenant() {
        TenantFormViewModel vm = form(world.owner, Optional.empty());
        assertThat(vm.accentColor().get())
                .as("the fourth tenant takes the palette's fourth colour")
                .isEqualTo(TenantFormViewModel.PALETTE[3]);
        vm.contactEmail().set("not an address");
        assertThat(vm.errors().isEmpty()).as("nothing before the first attempt").isTrue();

        vm.save(saved::add);
        assertThat(saved).isEmpty();
        assertThat(vm.errors().get("name")).isNotEmpty();
        assertThat(vm.errors().get("contactEmail")).isNotEmpty();

        vm.name().set("Acme Logistics");
        assertThat(vm.errors().get("name")).as("fixed as typed").isEmpty();
        assertThat(vm.errors().get("contactEmail")).isNotEmpty();
        vm.contactName().set("Morgan Lee");
        vm.contactEmail().set("morgan@acme.example");
        assertThat(vm.errors().isEmpty()).isTrue();

        vm.save(saved::add);
        assertThat(saved).extracting(Tenant::name).containsExactly("Acme Logistics");
        assertThat(world.services.tenants().list(world.owner))
                .extracting(Tenant::name)
                .contains("Acme Logistics");
        assertThat(vm.busy().get()).isFalse();
    }

    @Test
    void editingStartsFromTheTenantAndSavesTheChange() {
        Tenant acme = world.tenant("Acme");
        TenantFormViewModel vm = form(world.owner, Optional.of(acme));
        assertThat(vm.isNew()).isFalse();
        assertThat(vm.name().get()).isEqualTo("Acme");
        assertThat(vm.accentColor().get()).isEqualTo(acme.accentColor());

        vm.name().set("Acme Europe");
        vm.save(saved::add);
        assertThat(saved).extracting(Tenant::name).containsExactly("Acme Europe");
        assertThat(world.services.tenants().get(world.owner, acme.id()).name()).isEqualTo("Acme Europe");
    }

    @Test
    void aPersonWhoMayNotEditIsToldSoAndNothingChanges() {
        Tenant acme = world.tenant("Acme");
        Actor analyst = world.member(acme, Role.ANALYTICS, "analyst@agency.example");
        TenantFormViewModel vm = form(analyst, Optional.of(acme));
        vm.name().set("Renamed by an analyst");
        vm.save(saved::add);
        assertThat(saved).isEmpty();
        assertThat(vm.errors().general().get()).isNotEmpty();
        assertThat(vm.busy().get()).isFalse();
        assertThat(world.services.tenants().get(world.owner, acme.id()).name()).isEqualTo("Acme");
    }
}
