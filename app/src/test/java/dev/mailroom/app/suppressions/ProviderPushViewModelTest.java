package dev.mailroom.app.suppressions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.mailer.providers.ApiStub;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.providers.SuppressionPushService.Change;
import dev.mailroom.model.sending.ApiConnectionDraft;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a suppression changes by hand: asked first, then done at each of the client's providers, in words. */
class ProviderPushViewModelTest {
    @TempDir
    Path dir;

    private Store store;
    private Services s;
    private Actor owner;
    private Tenant acme;
    private ApiStub stub;
    private final SynchronousRunner runner = BackgroundRunner.synchronous();
    private final List<String> questions = new ArrayList<>();
    private final List<String> said = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        stub = ApiStub.unchecked(); // SuppressionPushTest (mailer) checks these requests against SendGrid's specs
        store = Store.open(StoreConfig.h2(dir.resolve("store")));
        s = Services.create(store, new MutableClock(Instant.parse("2026-11-02T09:00:00Z")));
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

    private void sendGrid() {
        s.connections()
                .createApi(
                        owner,
                        acme.id(),
                        new ApiConnectionDraft(
                                "Acme on SendGrid",
                                SendingEnvironment.PRODUCTION,
                                ConnectionKind.SENDGRID_API,
                                Optional.of(Secret.of("SG.vm-push-key.abcdefghijklmnopqrstuvwxyz")),
                                Optional.empty(),
                                Optional.of(stub.baseUrl()),
                                2,
                                0));
    }

    private void offer(boolean yes) {
        new ProviderPushViewModel(s.suppressionPush(), owner, runner)
                .offer(
                        acme.id(),
                        Change.ADD,
                        "acme.example",
                        "ann@example.net",
                        (targets, question) -> {
                            questions.add(question);
                            return yes;
                        },
                        said::add);
    }

    @Test
    void aClientWithoutAProviderIsNotAskedAnything() {
        offer(true);
        assertThat(questions).isEmpty();
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void asksFirstAndDoesNothingOnNo() {
        sendGrid();
        offer(false);
        assertThat(questions).containsExactly("Also suppress ann@example.net at “Acme on SendGrid”?");
        assertThat(stub.requests()).isEmpty();
        assertThat(said).isEmpty();
    }

    @Test
    void onYesTheProviderSaysWhatItDidAndARefusalIsSaidNotThrown() {
        sendGrid();
        stub.on("POST", "/v3/asm/suppressions/global", r -> ApiStub.Reply.json(201, r.body()));
        offer(true);
        assertThat(said)
                .containsExactly(
                        "SendGrid: ann@example.net is a global unsubscribe now; SendGrid will not send to it.");

        stub.on(
                "POST",
                "/v3/asm/suppressions/global",
                r -> ApiStub.Reply.json(401, "{\"errors\":[{\"field\":null,\"message\":\"authorization required\"}]}"));
        offer(true);
        assertThat(said.get(1)).startsWith("“Acme on SendGrid”: not done. SendGrid refused the key (401");
        assertThat(runner.reported()).isEmpty();
    }
}
