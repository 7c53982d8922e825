package dev.mailroom.app.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.mailer.providers.ApiStub;
import dev.mailroom.mailer.providers.Recorded;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.common.Actor;
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
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Connections page's activity sync, on a real H2 store and a MailerSend stub on loopback, without a window. */
class ProviderSyncViewModelTest {
    private static final String KEY = "mlsn.vmvmvmvmvmvmvmvmvmvmvmvmvmvmvmvmvmvmvmvmvmvmvmvmvmvmvmvmvmvmvmvm";

    @TempDir
    Path dir;

    private Store store;
    private Services s;
    private Actor owner;
    private Tenant acme;
    private ApiStub stub;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
    private final SynchronousRunner runner = BackgroundRunner.synchronous();

    @BeforeEach
    void open() throws Exception {
        stub = ApiStub.unchecked();
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
        stub.close();
    }

    private Connection mailerSend() {
        return s.connections()
                .createApi(
                        owner,
                        acme.id(),
                        new ApiConnectionDraft(
                                "Acme on MailerSend",
                                SendingEnvironment.PRODUCTION,
                                ConnectionKind.MAILERSEND_API,
                                Optional.of(Secret.of(KEY)),
                                Optional.empty(),
                                Optional.of(stub.baseUrl()),
                                2,
                                0));
    }

    private ProviderSyncViewModel vm() {
        ProviderSyncViewModel vm = new ProviderSyncViewModel(
                s.providerSync(), s.providerSuppressions(), s.providerWebhooks(), runner, () -> owner, clock);
        vm.tenant().set(acme.id());
        vm.refresh();
        return vm;
    }

    private void serveActivity() {
        stub.on("GET", "/v1/domains", r -> Recorded.mailerSend("DomainsTest_DomainsListTest()", 200));
        stub.on(
                "GET",
                "/v1/activity/jpzkmgq7e5vl059v",
                r -> Recorded.mailerSend("ActivitiesTest_TestGetActivities()", 200));
    }

    @Test
    void aNewConnectionSaysItWasNeverSyncedAndSyncNowSaysWhatItRecorded() {
        Connection c = mailerSend();
        serveActivity();
        ProviderSyncViewModel vm = vm();
        assertThat(vm.rows()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("Acme on MailerSend");
            assertThat(r.lastSync()).isEqualTo("Never synced");
            assertThat(r.nextSync()).isEqualTo("first sync due now");
            assertThat(r.status()).isEqualTo("Not synced yet: the first sync reads the last 7 days.");
        });

        vm.syncNow(c.id());

        // opened, delivered, sent; MailerSend's own "queued" and "processed" are not ours to count
        assertThat(vm.result().get()).isEqualTo("\"Acme on MailerSend\": 3 new events from 1 page. Up to date.");
        assertThat(vm.syncing().get()).isFalse();
        assertThat(vm.progressText().get()).isEmpty();
        assertThat(vm.row(c.id()).orElseThrow()).satisfies(r -> {
            assertThat(r.lastSync()).isEqualTo("Last synced just now");
            assertThat(r.nextSync()).isEqualTo("next sync in 15 minutes");
            assertThat(r.status()).isEqualTo("Up to date as of just now; 3 events recorded in all.");
            assertThat(r.failing()).isFalse();
        });

        clock.advance(Duration.ofMinutes(20));
        vm.refresh();
        assertThat(vm.row(c.id()).orElseThrow().lastSync()).isEqualTo("Last synced 20 minutes ago");
        assertThat(vm.row(c.id()).orElseThrow().nextSync()).isEqualTo("next sync due now");
    }

    @Test
    void aWebhookFileIsImportedWithItsOutcomeInWordsAndABadSignatureIsReportedNotRecorded() throws Exception {
        Connection c = mailerSend();
        ProviderSyncViewModel vm = vm();
        String body = "{\"type\":\"activity.delivered\",\"data\":{\"id\":\"wh0001\",\"type\":\"delivered\","
                + "\"created_at\":\"2026-11-02T08:00:00Z\",\"email\":{\"from\":\"hello@acme.example\","
                + "\"recipient\":{\"email\":\"ann@example.net\"}}}}";
        java.nio.file.Path file = dir.resolve("hooks.jsonl");
        java.nio.file.Files.writeString(file, body + "\n");
        vm.importWebhooks(c.id(), file, "");
        assertThat(vm.result().get())
                .startsWith("1 delivery read from the file, not verified")
                .contains("1 new events");
        assertThat(vm.syncing().get()).isFalse();

        java.nio.file.Files.writeString(
                file,
                "{\"headers\":{\"Signature\":\"00ff\"},\"body\":"
                        + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body) + "}\n");
        vm.importWebhooks(c.id(), file, "the-signing-secret");
        assertThat(runner.reported())
                .singleElement()
                .asString()
                .startsWith("Could not import hooks.jsonl")
                .contains("does not match");
        assertThat(vm.syncing().get()).isFalse();
    }

    @Test
    void aRefusedKeyIsShownInWordsOnTheConnection() {
        Connection c = mailerSend();
        stub.on("GET", "/v1/domains", r -> Recorded.mailerSend("ActivitiesTest_TestGetActivities()", 401));
        ProviderSyncViewModel vm = vm();

        vm.syncNow(c.id());

        assertThat(vm.result().get()).contains("Stopped: MailerSend refused the key (401");
        ProviderSyncViewModel.Row r = vm.row(c.id()).orElseThrow();
        assertThat(r.failing()).isTrue();
        assertThat(r.status())
                .contains("refused the key")
                .contains("Edit the connection's key")
                .doesNotContain(KEY);
        assertThat(r.nextSync()).isEqualTo("next sync in 6 hours");
        assertThat(runner.reported()).isEmpty();
    }

    @Test
    void cancelStopsTheSyncAndSaysTheNextOneContinues() {
        Connection c = mailerSend();
        serveActivity();
        ProviderSyncViewModel vm = vm();
        runner.cancelAfterUpdates(1);

        vm.syncNow(c.id());

        assertThat(vm.result().get()).endsWith("Cancelled; the next sync continues from here.");
        assertThat(vm.syncing().get()).isFalse();

        vm.syncNow(c.id());
        assertThat(vm.result().get()).contains("3 new events");
    }

    @Test
    void importSuppressionsSaysWhatItAdded() {
        Connection c = mailerSend();
        for (String list : java.util.List.of("hard-bounces", "spam-complaints", "unsubscribes", "blocklist")) {
            stub.on(
                    "GET",
                    "/v1/suppressions/" + list,
                    r -> Recorded.mailerSend("RecpientsSuppressionListsTest_TestGetFromSuppressionLists()").stream()
                            .filter(x -> x.status() == 200 && x.body().contains("suppressions\\/" + list + "?"))
                            .findFirst()
                            .orElseThrow());
        }
        ProviderSyncViewModel vm = vm();

        vm.importSuppressions(c.id());

        // the complaint and the unsubscribe name the same address on test-sdk.com; the blocklist's three
        // account-wide addresses wait for a sending domain; its pattern is left out
        assertThat(vm.result().get())
                .isEqualTo("\"Acme on MailerSend\": 1 suppression added, 1 already on the list, 3 not applied (this"
                        + " client has no sending domain yet), 1 unusable left out (patterns, no address). 1 address"
                        + " is suppressed here for another reason than the provider's, kept as they were:"
                        + " test@example.com (test-sdk.com): complaint here, unsubscribe at Acme on MailerSend.");
        assertThat(vm.syncing().get()).isFalse();
        assertThat(s.suppressions().list(owner, acme.id(), "test-sdk.com")).hasSize(1);
    }

    @Test
    void anotherTenantsConnectionIsNotListed() {
        mailerSend();
        Tenant globex = s.tenants()
                .create(
                        owner,
                        new TenantDraft(
                                "Globex",
                                "#2563EB",
                                "",
                                "",
                                OwnershipModel.AGENCY_OWNED,
                                PartnerAccessPattern.AGENCY_MANAGED));
        ProviderSyncViewModel vm = vm();
        vm.tenant().set(globex.id());
        vm.refresh();
        assertThat(vm.rows()).isEmpty();
    }
}
