package dev.mailroom.app.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.app.testing.ConsoleWorld;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.templates.ImportReport;
import dev.mailroom.model.templates.Template;
import dev.mailroom.model.templates.TemplateOwner;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Templates page's view model on a real H2 store, without a window. */
class TemplatesViewModelTest {
    @TempDir
    Path dir;

    private ConsoleWorld world;
    private Store store;
    private Services services;
    private Actor owner;
    private Tenant acme;
    private Tenant bolt;
    private final SynchronousRunner runner = BackgroundRunner.synchronous();

    @BeforeEach
    void open() {
        world = ConsoleWorld.h2(dir, Instant.parse("2026-11-20T09:00:00Z"));
        store = world.store;
        services = world.services;
        owner = world.owner;
        acme = services.tenants().create(owner, draft("Acme"));
        bolt = services.tenants().create(owner, draft("Bolt"));
        services.templates().useStarter(owner, TemplateOwner.tenant(acme.id()), "saas/welcome", Optional.empty());
    }

    private static TenantDraft draft(String name) {
        return new TenantDraft(
                name, "#2563EB", "", "", OwnershipModel.AGENCY_OWNED, PartnerAccessPattern.AGENCY_MANAGED);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private TemplatesViewModel vm(boolean mayEdit, Tenant tenant) {
        TemplatesViewModel vm = new TemplatesViewModel(
                services.templates(), owner, runner, false, true, (t, p) -> p == Permission.TEMPLATES_VIEW || mayEdit);
        vm.tenant().set(tenant);
        vm.refresh(x -> {});
        return vm;
    }

    @Test
    void listsFiltersAndAddsFromAStarterOrBlank() {
        TemplatesViewModel vm = vm(true, acme);
        assertThat(vm.shown()).extracting(Template::name).containsExactly("Welcome");
        assertThat(vm.mayEdit().get()).isTrue();
        assertThat(vm.readOnlyNote().get()).isEmpty();

        List<Template> opened = new ArrayList<>();
        vm.create(Optional.empty(), "Newsletter", opened::add);
        vm.create(
                services.templates().starters().stream()
                        .filter(s -> s.id().equals("saas/welcome"))
                        .findFirst(),
                "Welcome",
                opened::add);
        assertThat(opened).extracting(Template::name).containsExactly("Newsletter", "Welcome (copy)");
        assertThat(vm.templates()).hasSize(3);
        vm.filter().set("news");
        assertThat(vm.shown()).extracting(Template::name).containsExactly("Newsletter");

        vm.delete(opened.get(0));
        vm.filter().set("");
        assertThat(vm.shown()).extracting(Template::name).containsExactlyInAnyOrder("Welcome", "Welcome (copy)");
        assertThat(runner.reported()).isEmpty();
        // Another client lists its own templates.
        vm.tenant().set(bolt);
        vm.refresh(x -> {});
        assertThat(vm.shown()).isEmpty();
        assertThat(vm.exportFileName()).isEqualTo("bolt-templates.json");
    }

    @Test
    void aRoleWithoutEditIsToldWhyAndAddsNothing() {
        TemplatesViewModel vm = vm(false, acme);
        assertThat(vm.mayEdit().get()).isFalse();
        assertThat(vm.readOnlyNote().get())
                .isEqualTo("Read-only: your role in Acme lets you see templates, not change them.");
        vm.create(Optional.empty(), "Nope", t -> {});
        assertThat(vm.templates()).hasSize(1);
    }

    @Test
    void exportsABundleAndImportsItIntoAnotherClientWithAReport() throws Exception {
        TemplatesViewModel vm = vm(true, acme);
        Path bundle = dir.resolve("acme.json");
        List<Path> written = new ArrayList<>();
        vm.exportTo(List.copyOf(vm.templates()), bundle, written::add);
        assertThat(written).containsExactly(bundle);
        assertThat(Files.size(bundle)).isPositive();

        TemplatesViewModel other = vm(true, bolt);
        List<ImportReport> reports = new ArrayList<>();
        other.importFrom(bundle, reports::add);
        assertThat(other.shown()).extracting(Template::name).containsExactly("Welcome");
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(TemplatesViewModel.reportHeader(r)).startsWith("1 template imported");
            assertThat(other.reportText(r)).startsWith("• Welcome");
        });
        assertThat(runner.reported()).isEmpty();
    }

    @Test
    void aFileThatIsNotABundleIsReportedAndNothingImported() throws Exception {
        TemplatesViewModel vm = vm(true, bolt);
        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "{\"not\": \"a bundle\"");
        vm.importFrom(junk, r -> {});
        assertThat(runner.reported()).singleElement().asString().startsWith("Could not import junk.json: ");
        assertThat(vm.templates()).isEmpty();
    }
}
