package dev.mailroom.app.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.mailer.dns.TestDnsServer;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.domains.dns.ResolverSettings;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.model.validation.RiskyAddressPolicy;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/** The send dialog's check of typed recipients, on a real store and the DNS responder, without a window. */
class RecipientCheckViewModelTest {
    @TempDir
    Path dir;

    private TestDnsServer dns;
    private Store store;
    private Services s;
    private Actor owner;
    private Tenant acme;
    /** Look-ups waiting for the typing to pause: run by hand. */
    private final List<Runnable> pending = new ArrayList<>();

    @BeforeEach
    void open() {
        dns = TestDnsServer.start().add("acme.io", Type.MX, "10 mx.acme.io.").add("nomail.io", Type.MX, "0 .");
        store = Store.open(StoreConfig.h2(dir.resolve("store")));
        s = Services.create(
                store,
                new MutableClock(Instant.parse("2026-11-02T09:00:00Z")),
                ResolverSettings.parse(dns.address(), Duration.ofMillis(300), 1));
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
        dns.close();
    }

    private RecipientCheckViewModel vm() {
        RecipientCheckViewModel vm = new RecipientCheckViewModel(
                s.addressChecks(), s.addressPolicy(), owner, acme.id(), BackgroundRunner.synchronous(), pending::add);
        vm.load();
        return vm;
    }

    private void typingPauses() {
        List<Runnable> steps = new ArrayList<>(pending);
        pending.clear();
        steps.forEach(Runnable::run);
    }

    @Test
    void theOfflineCheckSpeaksAtOnceAndTheDomainsAMomentLater() {
        RecipientCheckViewModel vm = vm();
        vm.input().set("jane@acme.io, info@acme.io, bob@nomail.io, not-an-address");
        // At once, without DNS: the syntax and the role address; the null MX is not known yet.
        assertThat(vm.summary().get()).startsWith("4 addresses:").endsWith("(checking the domains…)");
        assertThat(vm.checkingDomains().get()).isTrue();
        assertThat(vm.problems())
                .anySatisfy(l -> assertThat(l).startsWith("not-an-address — undeliverable: Not an address"))
                .anySatisfy(l -> assertThat(l)
                        .startsWith("info@acme.io — risky:")
                        .contains("role address")
                        .endsWith("This client holds such messages in the outbox until someone releases them."))
                .noneSatisfy(l -> assertThat(l).startsWith("bob@nomail.io"));

        // Typing goes on: only the newest text is looked up.
        vm.input().set(vm.input().get() + ", dee@gmial.con");
        assertThat(pending).hasSize(2);
        typingPauses();
        assertThat(vm.checkingDomains().get()).isFalse();
        assertThat(vm.summary().get()).isEqualTo("5 addresses: 1 deliverable, 1 risky, 3 undeliverable.");
        assertThat(vm.problems())
                .anySatisfy(l -> assertThat(l)
                        .startsWith("bob@nomail.io — undeliverable:")
                        .contains("null MX"));

        // The undeliverable ones can be taken out of the list in one go.
        assertThat(vm.anyUndeliverable().get()).isTrue();
        vm.dropUndeliverable();
        assertThat(vm.input().get()).isEqualTo("jane@acme.io, info@acme.io");
        typingPauses();
        assertThat(vm.anyUndeliverable().get()).isFalse();
    }

    @Test
    void eachRiskyLineSaysWhatTheTenantsSettingWillDo() {
        s.addressPolicy().setRiskyPolicy(owner, acme.id(), RiskyAddressPolicy.DROP);
        RecipientCheckViewModel vm = vm();
        vm.input().set("sales@acme.io");
        assertThat(vm.problems())
                .singleElement()
                .satisfies(l -> assertThat(l).endsWith("This client drops such messages: it will not be sent."));
        vm.input().set("");
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.summary().get()).isEmpty();
    }

    /**
     * A recipients' file is checked in full (domains and suppressions too, not just the syntax): counted, its
     * problems listed, its undeliverable rows taken out of the file on request; typing a list shows that list,
     * clearing it shows the file's result again.
     */
    @Test
    void aRecipientFileIsCheckedInFullAndItsUndeliverableRowsCanBeTakenOut() {
        RecipientCheckViewModel vm = vm();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add("p" + i + "@acme.io");
        }
        rows.add("bob@nomail.io");
        rows.add("info@acme.io");
        for (int i = 0; i < 250; i++) {
            rows.add("gone" + i + "@nowhere.invalid");
        }
        List<Set<String>> dropped = new ArrayList<>();

        vm.checkFile("list.csv", rows, dropped::add);

        assertThat(vm.checkingDomains().get()).isFalse();
        assertThat(vm.summary().get())
                .isEqualTo("list.csv, 552 recipients checked: 300 deliverable, 1 risky, 251 undeliverable.");
        assertThat(vm.problems())
                .hasSize(RecipientCheckViewModel.MAX_LINES + 1)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("bob@nomail.io — undeliverable:")
                        .contains("null MX"))
                .anySatisfy(l -> assertThat(l).startsWith("info@acme.io — risky:"));
        assertThat(vm.problems().get(RecipientCheckViewModel.MAX_LINES))
                .isEqualTo("… and 52 more with a problem: Check addresses lists them all.");

        // Typing a list: that list is what is sent and shown; cleared, the file's result comes back.
        vm.input().set("jane@acme.io");
        assertThat(vm.summary().get()).startsWith("1 address:");
        vm.input().set("");
        assertThat(vm.summary().get()).startsWith("list.csv, 552 recipients checked:");

        assertThat(vm.anyUndeliverable().get()).isTrue();
        vm.dropUndeliverable();
        assertThat(dropped)
                .singleElement()
                .satisfies(set -> assertThat(set)
                        .hasSize(251)
                        .contains("bob@nomail.io", "gone0@nowhere.invalid")
                        .doesNotContain("info@acme.io"));
        assertThat(vm.anyUndeliverable().get()).isFalse();
        assertThat(vm.summary().get()).isEqualTo("list.csv, 301 recipients checked: 300 deliverable, 1 risky.");
        assertThat(vm.problems()).singleElement().satisfies(l -> assertThat(l).startsWith("info@acme.io — risky:"));
    }
}
