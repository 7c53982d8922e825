package dev.mailroom.app.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.mailer.providers.ApiStub;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.providers.KeyPreset;
import dev.mailroom.model.providers.ProviderKey;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider keys list through the composition root, on H2 and a loopback SendGrid: made with a preset and
 * shown once, rotated (the old key rotating out, revoked when the page loads after its grace), revoked; a
 * refusal said next to the form; the list only for people who manage credentials.
 */
class ProviderKeysViewModelTest {
    @TempDir
    Path dir;

    private Store store;
    private Services s;
    private Actor owner;
    private Tenant acme;
    private ApiStub stub;
    private MutableClock clock;
    private final SynchronousRunner runner = BackgroundRunner.synchronous();
    private final AtomicInteger made = new AtomicInteger();
    private final AtomicInteger shownTimes = new AtomicInteger();

    @BeforeEach
    void open() throws Exception {
        stub = ApiStub.unchecked(); // ProviderKeyServiceTest (mailer) checks these requests against SendGrid's spec
        stub.on("POST", "/v3/api_keys", r -> {
            int n = made.incrementAndGet();
            return ApiStub.Reply.json(
                    201,
                    "{\"api_key\":\"SG.vmkey" + n + ".SECRETSECRETSECRET" + n + "\",\"api_key_id\":\"vmkey" + n
                            + "\",\"name\":\"Shop\",\"scopes\":[\"mail.send\"]}");
        });
        stub.on("DELETE", "/v3/api_keys/vmkey1", r -> ApiStub.Reply.json(204, ""));
        stub.on("DELETE", "/v3/api_keys/vmkey2", r -> ApiStub.Reply.json(204, ""));
        store = Store.open(StoreConfig.h2(dir.resolve("store")));
        clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
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
        stub.close();
    }

    private Connection sendGrid() {
        return s.connections()
                .createApi(
                        owner,
                        acme.id(),
                        new ApiConnectionDraft(
                                "Acme on SendGrid",
                                SendingEnvironment.PRODUCTION,
                                ConnectionKind.SENDGRID_API,
                                Optional.of(Secret.of("SG.vm-parent-key.abcdefghijklmnopqrstuvwxyz")),
                                Optional.empty(),
                                Optional.of(stub.baseUrl()),
                                2,
                                0));
    }

    private ProviderKeysViewModel vm(boolean mayManage) {
        ProviderKeysViewModel vm = new ProviderKeysViewModel(
                s.providerKeys(), owner, runner, (t, p) -> mayManage && p == Permission.CREDENTIALS_MANAGE);
        vm.tenant().set(acme.id());
        vm.refresh();
        return vm;
    }

    @Test
    void aKeyIsMadeShownOnceRotatedWithAGraceAndTheOldOneRevokedWhenItEnds() {
        Connection c = sendGrid();
        ProviderKeysViewModel vm = vm(true);
        assertThat(vm.connections()).extracting(Connection::name).containsExactly("Acme on SendGrid");
        assertThat(ProviderKeysViewModel.presets(ConnectionKind.SENDGRID_API)).contains(KeyPreset.SEND_ONLY);
        List<String> problems = new ArrayList<>();

        vm.create(c, "Shop", KeyPreset.SEND_ONLY, "", () -> shownTimes.incrementAndGet(), problems::add);

        assertThat(problems).isEmpty();
        assertThat(vm.shown().get().secret()).isEqualTo("SG.vmkey1.SECRETSECRETSECRET1");
        assertThat(vm.keys()).singleElement().satisfies(k -> {
            assertThat(k.name()).isEqualTo("Shop");
            assertThat(k.scopes()).containsExactly("mail.send");
            assertThat(k.state()).isEqualTo(ProviderKey.State.ACTIVE);
            assertThat(vm.connectionName(k)).isEqualTo("Acme on SendGrid");
        });
        vm.forgetSecret();
        assertThat(vm.shown().get()).isNull();
        assertThat(vm.keys().toString()).doesNotContain("SECRETSECRET");

        vm.rotate(vm.keys().get(0), () -> shownTimes.incrementAndGet());

        assertThat(vm.shown().get().secret()).isEqualTo("SG.vmkey2.SECRETSECRETSECRET2");
        assertThat(vm.status().get()).contains("the old key works for 7 more days");
        assertThat(shownTimes).hasValue(2);
        assertThat(vm.keys())
                .extracting(ProviderKey::state)
                .containsExactly(ProviderKey.State.ACTIVE, ProviderKey.State.ROTATING);

        clock.advance(Duration.ofDays(8));
        vm.refresh();

        assertThat(vm.keys())
                .extracting(ProviderKey::state)
                .containsExactly(ProviderKey.State.ACTIVE, ProviderKey.State.REVOKED);
        assertThat(vm.status().get()).contains("grace period had ended");

        vm.revoke(vm.keys().get(0));
        assertThat(vm.keys())
                .extracting(ProviderKey::state)
                .containsExactly(ProviderKey.State.REVOKED, ProviderKey.State.REVOKED);
        assertThat(stub.requests())
                .filteredOn(r -> r.method().equals("DELETE"))
                .extracting(ApiStub.Request::path)
                .containsExactly("/v3/api_keys/vmkey1", "/v3/api_keys/vmkey2");
        assertThat(runner.reported()).isEmpty();
    }

    @Test
    void theScheduledRoundRevokesAKeyWhoseGraceEndedWithoutTheListBeingOpened() {
        Connection c = sendGrid();
        ProviderKeysViewModel vm = vm(true);
        vm.create(c, "Shop", KeyPreset.SEND_ONLY, "", () -> {}, x -> {});
        vm.rotate(vm.keys().get(0), () -> {});
        clock.advance(Duration.ofDays(8));

        ScheduledProviderSync.round(
                s.providerSync(),
                s.providerKeys(),
                owner,
                List.of(),
                List.of(acme.id()),
                words -> {},
                new dev.mailroom.model.common.Cancellation());

        assertThat(stub.requests())
                .filteredOn(r -> r.method().equals("DELETE"))
                .extracting(ApiStub.Request::path)
                .containsExactly("/v3/api_keys/vmkey1");
        assertThat(s.providerKeys().list(owner, acme.id()))
                .extracting(ProviderKey::state)
                .containsExactlyInAnyOrder(ProviderKey.State.ACTIVE, ProviderKey.State.REVOKED);
    }

    @Test
    void aRefusalIsSaidNextToTheFormAndNothingIsListed() {
        Connection c = sendGrid();
        stub.on(
                "POST",
                "/v3/api_keys",
                r -> ApiStub.Reply.json(403, "{\"errors\":[{\"field\":null,\"message\":\"access forbidden\"}]}"));
        ProviderKeysViewModel vm = vm(true);
        List<String> problems = new ArrayList<>();

        vm.create(c, "Shop", KeyPreset.SEND_ONLY, "", () -> shownTimes.incrementAndGet(), problems::add);
        vm.create(c, "", KeyPreset.SEND_ONLY, "", () -> shownTimes.incrementAndGet(), problems::add);

        assertThat(problems.get(0)).contains("lacks the scope api_keys.create").doesNotContain("vm-parent-key");
        assertThat(problems.get(1)).contains("Give the key a name");
        assertThat(vm.shown().get()).isNull();
        assertThat(vm.keys()).isEmpty();
        assertThat(vm.busy().get()).isFalse();
        assertThat(shownTimes).hasValue(0);
    }

    @Test
    void someoneWhoMayNotManageCredentialsSeesNoKeys() {
        sendGrid();
        ProviderKeysViewModel vm = vm(false);
        assertThat(vm.mayManage().get()).isFalse();
        assertThat(vm.keys()).isEmpty();
        assertThat(stub.requests()).isEmpty();
    }
}
