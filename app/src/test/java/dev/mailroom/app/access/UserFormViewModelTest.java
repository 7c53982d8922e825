package dev.mailroom.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.app.testing.ConsoleWorld;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.access.UserAccount;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Add user form's view model on a real H2 store: problems next to fields, cleared as they are fixed. */
class UserFormViewModelTest {
    @TempDir
    Path dir;

    private ConsoleWorld world;
    private Store store;
    private Services s;
    private Actor owner;
    private Tenant acme;
    private final SynchronousRunner runner = BackgroundRunner.synchronous();

    @BeforeEach
    void open() {
        world = ConsoleWorld.h2(dir.resolve("store"), Instant.parse("2026-11-02T09:00:00Z"));
        store = world.store;
        s = world.services;
        owner = world.owner;
        acme = world.tenant("Acme");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private UserFormViewModel vm() {
        return new UserFormViewModel(
                s.users(),
                owner,
                runner,
                List.of(StaffKind.AGENCY, StaffKind.CLIENT),
                List.of(acme),
                Optional.of(acme));
    }

    @Test
    void problemsShowOnSaveThenFollowWhatIsTyped() {
        UserFormViewModel vm = vm();
        List<UserAccount> added = new ArrayList<>();
        vm.email().set("bea");
        assertThat(vm.errors().isEmpty()).as("nothing before the first attempt").isTrue();

        vm.save(added::add);
        assertThat(added).isEmpty();
        assertThat(vm.errors().asMap()).containsKeys("name", "email", "firstPassword");

        // Each problem goes as it is fixed, without pressing Save again.
        vm.name().set("Bea Designer");
        assertThat(vm.errors().get("name")).isEmpty();
        assertThat(vm.errors().get("email")).isNotEmpty();
        vm.email().set("bea@acme.example");
        assertThat(vm.errors().get("email")).isEmpty();
        vm.firstPassword().set("short");
        assertThat(vm.errors().get("firstPassword")).isNotEmpty();
        vm.firstPassword().set("a-good-first-password");
        assertThat(vm.errors().isEmpty()).isTrue();

        vm.staffKind().set(StaffKind.CLIENT);
        vm.homeTenant().set(null);
        assertThat(vm.errors().get("homeTenant")).isEqualTo("Choose the client this person works for.");
        vm.homeTenant().set(acme);
        vm.save(added::add);
        assertThat(added).extracting(a -> a.user().email()).containsExactly("bea@acme.example");
        assertThat(runner.reported()).isEmpty();
    }

    @Test
    void anEmailInUseComesBackFromTheStoreAndGoesWhenChanged() {
        UserFormViewModel vm = vm();
        vm.name().set("Ana Again");
        vm.email().set("ana@brightwave.example");
        vm.firstPassword().set("a-good-first-password");
        List<UserAccount> added = new ArrayList<>();
        vm.save(added::add);
        assertThat(added).isEmpty();
        assertThat(vm.errors().get("email")).isEqualTo("A user with this email already exists.");
        assertThat(vm.busy().get()).isFalse();
        vm.email().set("ana.two@brightwave.example");
        assertThat(vm.errors().get("email")).isEmpty();
        vm.save(added::add);
        assertThat(added).hasSize(1);
    }
}
