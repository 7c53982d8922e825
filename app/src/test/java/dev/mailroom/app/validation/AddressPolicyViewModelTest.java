package dev.mailroom.app.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.access.UserAccount;
import dev.mailroom.model.access.UserDraft;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.model.validation.RiskyAddressPolicy;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile's "Risky addresses" setting on a real H2 store, without a window. */
class AddressPolicyViewModelTest {
    @TempDir
    Path dir;

    private Store store;
    private Services s;
    private Actor owner;
    private Tenant acme;
    private Tenant globex;

    @BeforeEach
    void open() {
        store = Store.open(StoreConfig.h2(dir.resolve("store")));
        s = Services.create(store, new MutableClock(Instant.parse("2026-11-02T09:00:00Z")));
        char[] pw = "owner-password".toCharArray();
        owner = s.firstRun()
                .setUp(new AgencySetup("Brightwave", "Ana Owner", "ana@brightwave.example", pw, pw))
                .actor();
        acme = tenant("Acme");
        globex = tenant("Globex");
    }

    private Tenant tenant(String name) {
        return s.tenants()
                .create(
                        owner,
                        new TenantDraft(
                                name,
                                "#2563EB",
                                "",
                                "",
                                OwnershipModel.AGENCY_OWNED,
                                PartnerAccessPattern.AGENCY_MANAGED));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private AddressPolicyViewModel vm(Actor actor) {
        return new AddressPolicyViewModel(s.addressPolicy(), s.access(), actor, BackgroundRunner.synchronous());
    }

    @Test
    void theOwnerSeesTheDefaultChangesItAndEachTenantKeepsItsOwn() {
        AddressPolicyViewModel vm = vm(owner);
        vm.show(acme.id());
        assertThat(vm.loaded().get()).isTrue();
        assertThat(vm.risky().get()).isEqualTo(RiskyAddressPolicy.HOLD);
        assertThat(vm.mayChange().get()).isTrue();
        assertThat(vm.note().get()).contains("default");
        assertThat(vm.explanation().get()).contains("Held");

        vm.risky().set(RiskyAddressPolicy.DROP);
        assertThat(vm.explanation().get()).contains("rejected");
        vm.save();
        assertThat(vm.saved().get()).isEqualTo("Saved.");
        assertThat(vm.note().get()).startsWith("Set by Ana Owner on ");
        assertThat(s.addressPolicy().policy(owner, acme.id()).risky()).isEqualTo(RiskyAddressPolicy.DROP);

        // Switching tenant shows that tenant's own setting.
        vm.show(globex.id());
        assertThat(vm.risky().get()).isEqualTo(RiskyAddressPolicy.HOLD);
        vm.show(acme.id());
        assertThat(vm.risky().get()).isEqualTo(RiskyAddressPolicy.DROP);
    }

    @Test
    void anEditorSeesItButMayNotChangeItAndTheUseCaseRefusesAnyway() {
        UserAccount ed = s.users()
                .create(
                        owner,
                        new UserDraft(
                                "Eddie Editor",
                                "eddie@brightwave.example",
                                StaffKind.AGENCY,
                                Optional.empty(),
                                "a-long-enough-password-1".toCharArray()));
        s.users().setRoles(owner, ed.user().id(), acme.id(), Set.of(Role.EDITOR));
        Actor editor = Actor.of(new Principal(ed.user().id(), "Eddie Editor"));
        AddressPolicyViewModel vm = vm(editor);
        vm.show(acme.id());
        assertThat(vm.loaded().get()).isTrue();
        assertThat(vm.mayChange().get()).isFalse();

        // Even if the form were enabled, the use case says no, in words next to the form.
        vm.risky().set(RiskyAddressPolicy.SEND);
        vm.save();
        assertThat(vm.errors().general().get()).isNotBlank();
        assertThat(s.addressPolicy().policy(owner, acme.id()).risky()).isEqualTo(RiskyAddressPolicy.HOLD);
    }
}
