package dev.mailroom.app.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.mailer.providers.ApiStub;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.domains.DomainId;
import dev.mailroom.model.domains.RecordKind;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.SendingDomain;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
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
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider section of the domain wizard and the import dialog without a window, through the composition
 * root on H2 and a loopback SendGrid (ProviderDomainServiceTest in mailer checks these requests against
 * SendGrid's spec): "Create at SendGrid" puts SendGrid's records in the plan, "Ask SendGrid to verify" shows
 * its words, a refusal is said in words, and import lists only what the client lacks.
 */
class ProviderDomainViewModelTest {
    @TempDir
    Path dir;

    private Store store;
    private Services s;
    private Actor owner;
    private Tenant acme;
    private ApiStub stub;
    private final SynchronousRunner runner = BackgroundRunner.synchronous();

    @BeforeEach
    void open() throws Exception {
        stub = ApiStub.unchecked();
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
        s.connections()
                .createApi(
                        owner,
                        acme.id(),
                        new ApiConnectionDraft(
                                "Acme on SendGrid",
                                SendingEnvironment.PRODUCTION,
                                ConnectionKind.SENDGRID_API,
                                Optional.of(Secret.of("SG.vm-domains-key.abcdefghijklmnopqrstuvwxyz")),
                                Optional.empty(),
                                Optional.of(stub.baseUrl()),
                                2,
                                0));
    }

    @AfterEach
    void close() {
        store.close();
        stub.close();
    }

    private DomainId addDomain(String name) {
        return s.domains()
                .add(
                        owner,
                        acme.id(),
                        name,
                        RecordPlanSettings.builtIn("include:_spf.relay.example", "bounces.relay.example"),
                        Set.of(DkimAlgorithm.ED25519))
                .domain()
                .id();
    }

    @Test
    void createAtSendGridPutsItsRecordsInThePlanAndAskingToVerifyShowsItsWords() {
        DomainId id = addDomain("acme-mail.com");
        SendGridDomainReplies.serveAcmeMail(stub, "[]");
        ProviderDomainViewModel vm = new ProviderDomainViewModel(s.providerDomains(), owner, runner);
        AtomicInteger replans = new AtomicInteger();
        vm.onLinkChanged(replans::incrementAndGet);

        vm.load(acme.id(), Optional.of(id));

        assertThat(vm.offered()).isTrue();
        assertThat(vm.link().get()).isNull();
        assertThat(vm.createLabel()).isEqualTo("Create at SendGrid");
        assertThat(vm.verifyLabel()).isEqualTo("Ask SendGrid to verify");

        vm.create();

        assertThat(vm.problem().get()).isEmpty();
        assertThat(vm.busy().get()).isFalse();
        assertThat(vm.link().get().providerDomainId()).isEqualTo("302183");
        assertThat(vm.status().get()).isEqualTo("SendGrid: not verified yet (DKIM, Return path not verified).");
        assertThat(replans).hasValue(1);
        assertThat(s.domains().plan(owner, acme.id(), id).of(RecordKind.DKIM))
                .extracting(r -> r.host() + " → " + r.value())
                .containsExactly(
                        "s1._domainkey.acme-mail.com → s1.domainkey.u7.wl.sendgrid.net",
                        "s2._domainkey.acme-mail.com → s2.domainkey.u7.wl.sendgrid.net");

        vm.verify();

        assertThat(vm.status().get()).isEqualTo(SendGridDomainReplies.VALIDATED_BUT_RETURN_PATH_WORDS);
        assertThat(replans).hasValue(2);

        // Unlinking asks SendGrid nothing (the domain stays there) and puts Mailroom's own DKIM back.
        int calls = stub.requests().size();
        vm.unlink();

        assertThat(stub.requests()).hasSize(calls);
        assertThat(vm.link().get()).isNull();
        assertThat(vm.status().get()).startsWith("Unlinked from SendGrid (acme-mail.com is still there).");
        assertThat(replans).hasValue(3);
        assertThat(s.providerDomains().link(owner, acme.id(), id)).isEmpty();
        assertThat(s.domains().plan(owner, acme.id(), id).of(RecordKind.DKIM))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.value()).doesNotContain("sendgrid"));
        var unlinked = s.auditLog()
                .search(
                        owner,
                        new dev.mailroom.model.audit.AuditQuery(
                                Optional.of(acme.id()),
                                Optional.empty(),
                                Optional.of("provider-domain.unlinked"),
                                Optional.empty(),
                                Optional.empty(),
                                10));
        assertThat(unlinked)
                .singleElement()
                .satisfies(e -> assertThat(e.details()).contains("302183").contains("left as it is"));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> s.providerDomains().unlink(owner, acme.id(), id))
                .isInstanceOf(dev.mailroom.model.common.Conflict.class)
                .hasMessageContaining("is not linked");
        assertThat(runner.reported()).isEmpty();
    }

    @Test
    void aRefusalIsSaidInWordsAndTheLinkIsNotMade() {
        DomainId id = addDomain("acme-mail.com");
        stub.on("GET", "/v3/whitelabel/domains", r -> ApiStub.Reply.json(200, "[]"));
        stub.on(
                "POST",
                "/v3/whitelabel/domains",
                r -> ApiStub.Reply.json(403, "{\"errors\":[{\"field\":null,\"message\":\"access forbidden\"}]}"));
        ProviderDomainViewModel vm = new ProviderDomainViewModel(s.providerDomains(), owner, runner);
        vm.load(acme.id(), Optional.of(id));

        vm.create();

        assertThat(vm.problem().get()).contains("lacks the scope whitelabel.create");
        assertThat(vm.link().get()).isNull();
        assertThat(vm.busy().get()).isFalse();

        stub.on(
                "GET",
                "/v3/whitelabel/domains",
                r -> ApiStub.Reply.json(429, "{\"errors\":[{\"message\":\"too many requests\"}]}")
                        .withHeader("Retry-After", "90"));
        vm.listImportable();
        assertThat(vm.problem().get()).contains("limiting requests").contains("90 seconds");
    }

    @Test
    void importListsOnlyWhatTheClientLacksAndImportsIt() {
        addDomain("acme-mail.com");
        stub.on(
                "GET",
                "/v3/whitelabel/domains",
                r -> ApiStub.Reply.json(
                        200,
                        "[" + SendGridDomainReplies.ACME_MAIL + "," + SendGridDomainReplies.other("9", "acme-news.com")
                                + "]"));
        stub.on(
                "GET",
                "/v3/whitelabel/domains/9",
                r -> ApiStub.Reply.json(200, SendGridDomainReplies.other("9", "acme-news.com")));
        ProviderDomainViewModel vm = new ProviderDomainViewModel(s.providerDomains(), owner, runner);
        vm.load(acme.id(), Optional.empty());

        vm.listImportable();

        assertThat(vm.importable()).extracting(r -> r.domain().name()).containsExactly("acme-news.com");
        assertThat(vm.status().get()).isEqualTo("1 of 2 domains at SendGrid are not this client's yet.");
        List<SendingDomain> imported = new ArrayList<>();
        vm.importDomain(vm.importable().get(0), imported::add);

        assertThat(imported).extracting(d -> d.name().ascii()).containsExactly("acme-news.com");
        assertThat(vm.status().get()).endsWith("with SendGrid's records in its plan.");
        assertThat(vm.importable()).isEmpty();
        assertThat(s.domains().list(owner, acme.id())).hasSize(2);
        assertThat(s.providerDomains()
                        .link(owner, acme.id(), imported.get(0).id())
                        .orElseThrow()
                        .records())
                .hasSize(3);
    }

    @Test
    void someoneWhoMayOnlyViewDomainsIsOfferedNothingToDo() {
        DomainId id = addDomain("acme-mail.com");
        var analyst = s.users()
                .create(
                        owner,
                        new dev.mailroom.model.access.UserDraft(
                                "Ann Analyst",
                                "ann@brightwave.example",
                                dev.mailroom.model.access.StaffKind.AGENCY,
                                Optional.empty(),
                                "a-long-enough-password-1".toCharArray()))
                .user();
        s.users().setRoles(owner, analyst.id(), acme.id(), Set.of(dev.mailroom.model.access.Role.ANALYTICS));
        ProviderDomainViewModel vm = new ProviderDomainViewModel(
                s.providerDomains(),
                Actor.of(new dev.mailroom.model.common.Principal(analyst.id(), analyst.name())),
                runner);

        vm.load(acme.id(), Optional.of(id));

        assertThat(vm.connections()).isEmpty();
        assertThat(vm.offered()).isFalse();
        assertThat(vm.problem().get()).isEmpty();
        assertThat(stub.requests()).isEmpty();
    }
}
