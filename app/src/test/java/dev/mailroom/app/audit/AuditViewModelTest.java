package dev.mailroom.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.app.testing.ConsoleWorld;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Audit log page's view model on a real H2 store, without a window. */
class AuditViewModelTest {
    @TempDir
    Path dir;

    private ConsoleWorld world;
    private Store store;
    private boolean closed;
    private Services s;
    private Actor owner;
    private Tenant acme;
    private Tenant bolt;
    private final SynchronousRunner runner = BackgroundRunner.synchronous();

    @BeforeEach
    void open() {
        world = ConsoleWorld.h2(dir.resolve("store"), Instant.parse("2026-11-02T09:00:00Z"));
        store = world.store;
        s = world.services;
        owner = world.owner;
        acme = s.tenants().create(owner, draft("Acme"));
        bolt = s.tenants().create(owner, draft("Bolt"));
        s.suppressions().addManual(owner, acme.id(), "acme.example", "ann@example.org", "");
    }

    private static TenantDraft draft(String name) {
        return new TenantDraft(
                name, "#2563EB", "", "", OwnershipModel.AGENCY_OWNED, PartnerAccessPattern.AGENCY_MANAGED);
    }

    @AfterEach
    void close() {
        if (!closed) {
            store.close();
        }
    }

    private AuditViewModel vm() {
        return new AuditViewModel(s.auditLog(), runner, owner, List.of(acme, bolt), ZoneOffset.UTC);
    }

    @Test
    void findsEntriesByClientActionAndDay() {
        AuditViewModel vm = vm();
        vm.refresh();
        assertThat(vm.entries()).extracting(AuditEntry::action).contains("tenant.created", "suppression.added");
        assertThat(vm.status().get()).isEqualTo(vm.entries().size() + " entries");

        vm.tenant().set(acme);
        vm.action().set("suppression.");
        vm.refresh();
        assertThat(vm.entries()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("suppression.added");
            assertThat(AuditViewModel.who(e)).isEqualTo("Ana Owner");
            assertThat(AuditViewModel.describe(e)).contains("ann@example.org").contains("hash ");
            // In words in the table and the detail; the code in the detail.
            assertThat(AuditActions.words(e.action())).isEqualTo("Added a suppression");
            assertThat(AuditViewModel.describe(e))
                    .contains("Added a suppression")
                    .contains("action code: suppression.added");
        });

        vm.action().set("");
        vm.from().set(LocalDate.of(2026, 11, 3));
        vm.refresh();
        assertThat(vm.entries()).isEmpty();
        assertThat(runner.reported()).isEmpty();
    }

    @Test
    void verifiesTheChainAndExportsWhatTheFiltersFind() throws Exception {
        AuditViewModel vm = vm();
        vm.verify();
        assertThat(vm.chain().get().intact()).isTrue();

        vm.tenant().set(bolt);
        vm.refresh();
        int bolts = vm.entries().size();
        Path csv = dir.resolve("audit.csv");
        vm.exportTo(csv);
        String written = Files.readString(csv);
        assertThat(written).startsWith("id,time,client,actor,acting owner,action,target,details");
        assertThat(written).contains(",Bolt,Ana Owner,,tenant.created,Bolt,").doesNotContain(",Acme,");
        assertThat(vm.status().get()).isEqualTo("Exported " + bolts + " entries to audit.csv");
        assertThat(bolts).isPositive();
    }

    @Test
    void theExportIsFormulaSafe() throws Exception {
        Tenant evil = s.tenants().create(owner, draft("=HYPERLINK(\"http://evil\")"));
        AuditViewModel vm = vm();
        vm.tenant().set(evil);
        Path csv = dir.resolve("audit.csv");
        vm.exportTo(csv);
        assertThat(Files.readString(csv))
                .contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",Ana Owner,,tenant.created,")
                .doesNotContain(",\"=HYPERLINK");
    }

    @Test
    void aStoreThatCannotBeReadIsReportedThroughTheDefaultPath() {
        AuditViewModel vm = vm();
        store.close();
        closed = true;
        vm.refresh();
        assertThat(vm.entries()).isEmpty();
        assertThat(runner.reported()).singleElement().asString().startsWith("Reading the audit log did not finish: ");
    }
}
