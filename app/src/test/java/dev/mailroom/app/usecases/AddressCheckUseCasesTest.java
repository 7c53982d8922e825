package dev.mailroom.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.app.session.Services;
import dev.mailroom.mailer.dns.TestDnsServer;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.access.UserAccount;
import dev.mailroom.model.access.UserDraft;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.domains.dns.ResolverSettings;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.model.validation.AddressCheckService;
import dev.mailroom.model.validation.AddressVerdict;
import dev.mailroom.model.validation.Verdict;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/** "Check addresses" against a real H2 store and the dnsjava responder on 127.0.0.1. */
class AddressCheckUseCasesTest {
    @TempDir
    Path dir;

    private TestDnsServer dns;
    private Store store;
    private Services s;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T15:00:00Z"));
    private Actor owner;
    private Tenant acme;
    private Tenant bolt;

    @BeforeEach
    void open() {
        dns = TestDnsServer.start()
                .add("acme.io", Type.MX, "10 mx.acme.io.")
                .add("nomail.io", Type.MX, "0 .")
                .fail("broken.io", TestDnsServer.Failure.SERVFAIL);
        for (int i = 0; i < 50; i++) {
            dns.add("d" + i + ".io", Type.MX, "10 mx.d" + i + ".io.");
        }
        store = Backend.H2.open(dir);
        s = Services.create(store, clock, ResolverSettings.parse(dns.address(), Duration.ofMillis(300), 1));
        char[] pw = "owner-password".toCharArray();
        owner = s.firstRun()
                .setUp(new AgencySetup("Brightwave", "Ana Owner", "ana@brightwave.example", pw, pw))
                .actor();
        acme = s.tenants().create(owner, draft("Acme"));
        bolt = s.tenants().create(owner, draft("Bolt"));
        s.domains()
                .add(
                        owner,
                        acme.id(),
                        "send.acme.io",
                        RecordPlanSettings.builtIn("include:_spf.relay.example", "bounces.relay.example"),
                        Set.of(DkimAlgorithm.ED25519));
        s.suppressions().addManual(owner, acme.id(), "send.acme.io", "Gone@acme.io", "asked to stop");
    }

    @AfterEach
    void close() {
        store.close();
        dns.close();
    }

    private static TenantDraft draft(String name) {
        return new TenantDraft(
                name, "#2563EB", "", "", OwnershipModel.AGENCY_OWNED, PartnerAccessPattern.AGENCY_MANAGED);
    }

    private Actor client(Tenant home, String name, Role role) {
        UserAccount u = s.users()
                .create(
                        owner,
                        new UserDraft(
                                name,
                                name.toLowerCase() + "@client.example",
                                StaffKind.CLIENT,
                                Optional.of(home.id()),
                                "first-password".toCharArray()));
        s.users().setRoles(owner, u.user().id(), home.id(), Set.of(role));
        return Actor.of(new Principal(u.user().id(), name));
    }

    @Test
    void oneAddressGetsItsVerdictInWords() {
        AddressVerdict ok = s.addressChecks().check(owner, acme.id(), "jane@ACME.io", true);
        assertThat(ok.verdict()).isEqualTo(Verdict.DELIVERABLE);
        assertThat(ok.address()).hasValue("jane@acme.io");
        assertThat(s.addressChecks()
                        .check(owner, acme.id(), "jane@nomail.io", true)
                        .reasonText())
                .contains("null MX");
        assertThat(s.addressChecks()
                        .check(owner, acme.id(), "jane@broken.io", true)
                        .verdict())
                .isEqualTo(Verdict.UNKNOWN);
        assertThat(s.addressChecks()
                        .check(owner, acme.id(), "jane@nowhere.io", false)
                        .verdict())
                .isEqualTo(Verdict.DELIVERABLE);
    }

    @Test
    void suppressionsAreTheTenantsOwn() {
        AddressVerdict inAcme = s.addressChecks().check(owner, acme.id(), "gone@acme.io", true);
        assertThat(inAcme.verdict()).isEqualTo(Verdict.UNDELIVERABLE);
        assertThat(inAcme.reasonText()).contains("suppresses it (manual for send.acme.io since 2 Nov 2026)");
        assertThat(s.addressChecks()
                        .check(owner, bolt.id(), "gone@acme.io", true)
                        .verdict())
                .isEqualTo(Verdict.DELIVERABLE);
    }

    @Test
    void onlyThoseWhoMaySendCheckLists() {
        Actor designer = client(acme, "Dana", Role.DESIGNER);
        assertThatThrownBy(() -> s.addressChecks().check(designer, acme.id(), "jane@acme.io", true))
                .isInstanceOf(PermissionDenied.class);
        Actor editor = client(acme, "Eli", Role.EDITOR);
        assertThat(s.addressChecks()
                        .check(editor, acme.id(), "jane@acme.io", true)
                        .verdict())
                .isEqualTo(Verdict.DELIVERABLE);
        // another tenant is not even there for them
        assertThatThrownBy(() -> s.addressChecks().check(editor, bolt.id(), "jane@acme.io", true))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void aLongListIsStreamedWithEachDomainAskedOnce() {
        int n = 3 * AddressCheckService.CHUNK + 17;
        Iterator<String> list = IntStream.range(0, n)
                .mapToObj(i -> "user" + i + "@d" + (i % 50) + ".io")
                .iterator();
        dns.clearQueries();
        List<AddressCheckService.Progress> progress = new ArrayList<>();
        long[] seen = {0};
        AddressCheckService.Summary summary = s.addressChecks()
                .checkAll(owner, acme.id(), list, true, v -> seen[0]++, progress::add, new Cancellation());
        assertThat(summary.checked()).isEqualTo(n);
        assertThat(seen[0]).isEqualTo(n);
        assertThat(summary.count(Verdict.DELIVERABLE)).isEqualTo(n);
        assertThat(summary.domainsLookedUp()).isEqualTo(50);
        assertThat(dns.queries().stream().filter(q -> q.type() == Type.MX)).hasSize(50);
        assertThat(progress).hasSize(4);
        assertThat(progress.get(0).words()).startsWith("2,000 addresses checked, 50 domains looked up");
        assertThat(summary.words())
                .isEqualTo(
                        "6,017 addresses checked over 50 domains: 6,017 deliverable, 0 risky, 0 undeliverable, 0 unknown.");
    }

    @Test
    void cancelStopsBetweenChunksAndSaysSo() {
        Cancellation cancel = new Cancellation();
        Iterator<String> endless = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String next() {
                return "user" + i++ + "@acme.io";
            }
        };
        AddressCheckService.Summary summary =
                s.addressChecks().checkAll(owner, acme.id(), endless, true, v -> {}, p -> cancel.cancel(), cancel);
        assertThat(summary.cancelled()).isTrue();
        assertThat(summary.checked()).isEqualTo(AddressCheckService.CHUNK);
        assertThat(summary.words()).startsWith("Cancelled after 2,000 addresses checked");
    }
}
