package dev.mailroom.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.access.ApiToken;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings → Access's view model on a real H2 store, without a window. */
class ApiTokensViewModelTest {
    @TempDir
    Path dir;

    private Store store;
    private Services s;
    private Actor owner;
    private Tenant acme;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
    private final SynchronousRunner runner = BackgroundRunner.synchronous();

    @BeforeEach
    void open() {
        store = Store.open(StoreConfig.h2(dir.resolve("store")));
        s = Services.create(store, clock);
        char[] pw = "owner-password".toCharArray();
        owner = s.firstRun()
                .setUp(new AgencySetup("Brightwave", "Ana Owner", "ana@brightwave.example", pw, pw))
                .actor();
        acme = s.tenants()
                .create(
                        owner,
                        new TenantDraft(
                                "Acme",
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

    private ApiTokensViewModel vm(Actor actor) {
        ApiTokensViewModel vm = new ApiTokensViewModel(s.apiTokens(), s.tenants(), runner, actor, clock);
        vm.load();
        return vm;
    }

    @Test
    void aTokenIsMadeShownOnceListedAndRevoked() {
        ApiTokensViewModel vm = vm(owner);
        assertThat(vm.tokens()).isEmpty();
        assertThat(vm.clients()).extracting(Tenant::name).containsExactly("Acme");

        vm.name().set("Nightly export");
        vm.chosenClients().add(acme.id());
        vm.chosenRoles().add(Role.ANALYTICS);
        vm.expiry().set(ApiTokensViewModel.Expiry.DAYS_30);
        boolean[] created = {false};
        vm.create(() -> created[0] = true);

        assertThat(created[0]).isTrue();
        assertThat(vm.secret().get()).startsWith("mrt_");
        assertThat(vm.name().get()).isEmpty();
        ApiToken t = vm.tokens().get(0);
        assertThat(t.permissions()).contains(Permission.ANALYTICS_VIEW).doesNotContain(Permission.SENDING);
        assertThat(t.expiresAt()).contains(clock.instant().plus(Duration.ofDays(30)));
        assertThat(vm.clientsOf(t)).isEqualTo("Acme");
        assertThat(vm.mayDo(t)).isEqualTo("Analytics");
        assertThat(vm.state(t)).isEqualTo("Active");
        vm.forgetSecret();
        assertThat(vm.secret().get()).isEmpty();

        vm.revoke(t);
        assertThat(vm.state(vm.tokens().get(0))).isEqualTo("Revoked");
    }

    @Test
    void aFormWithNothingChosenSaysWhatIsMissingNextToEachField() {
        ApiTokensViewModel vm = vm(owner);
        vm.create(() -> {});
        assertThat(vm.errors().get("name")).contains("name");
        assertThat(vm.errors().get("clients")).contains("clients");
        assertThat(vm.errors().get("permissions")).contains("may do");
        assertThat(vm.secret().get()).isEmpty();
        assertThat(vm.tokens()).isEmpty();
    }

    @Test
    void anExpiredTokenSaysSoAndTheOwnerActingAsSomeoneMakesNone() {
        ApiTokensViewModel vm = vm(owner);
        vm.name().set("Short");
        vm.allClients().set(true);
        vm.chosenRoles().add(Role.AUDITOR);
        vm.expiry().set(ApiTokensViewModel.Expiry.DAYS_30);
        vm.create(() -> {});
        clock.advance(Duration.ofDays(31));
        vm.load();
        assertThat(vm.state(vm.tokens().get(0))).isEqualTo("Expired");
        assertThat(vm.clientsOf(vm.tokens().get(0))).isEqualTo("All of yours");
        assertThat(vm.mayCreate()).isTrue();
        Actor acting = new Actor(owner.user(), java.util.Optional.of(owner.user()));
        assertThat(vm(acting).mayCreate()).isFalse();
    }
}
