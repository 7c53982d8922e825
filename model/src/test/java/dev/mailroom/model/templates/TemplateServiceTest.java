package dev.mailroom.model.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.tenants.TenantStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplateServiceTest {
    static final StarterLibrary STARTERS = () -> List.of(new StarterTemplate(
            "saas/welcome",
            "Welcome",
            TemplateKind.WELCOME,
            BusinessKind.SAAS,
            "Says hello",
            TemplateFixtures.content(
                    "Welcome to {{brand.companyName}}",
                    "<p style=\"color: {{brand.primaryColor}}\">Hi {{name}}</p>",
                    "{\"name\": \"Ana\"}")));

    private final TemplatesWorld w = new TemplatesWorld(STARTERS, SimpleFakes.tools());
    private final TemplateService s = w.service;

    @Test
    void designersCreateAndSaveEachSaveIsAVersionWithAuthorAndTime() {
        Template t = s.create(w.designer, w.acmeTemplates(), TemplateFixtures.draft("Receipt", "<p>v1</p>"));
        assertThat(t.version()).isEqualTo(1);
        assertThat(t.updatedBy()).isEqualTo("Dee Designer");

        Template t2 = s.save(w.editor, w.acmeTemplates(), t.id(), TemplateFixtures.draft("Receipt", "<p>v2</p>"), 1);
        assertThat(t2.version()).isEqualTo(2);
        assertThat(t2.content().html()).isEqualTo("<p>v2</p>");

        List<TemplateVersion> versions = s.versions(w.designer, w.acmeTemplates(), t.id());
        assertThat(versions).extracting(TemplateVersion::number).containsExactly(2, 1);
        assertThat(versions).extracting(TemplateVersion::authorName).containsExactly("Eli Editor", "Dee Designer");
        assertThat(versions.get(0).at()).isEqualTo(w.clock.instant());
        assertThat(versions.get(1).note()).isEqualTo("Created");

        assertThat(w.audit()).extracting(AuditEntry::action).containsExactly("template.created", "template.saved");
        assertThat(w.audit().get(1).details()).contains("version: 2").contains("changed: HTML");
    }

    @Test
    void savingUnchangedContentAddsNoVersionAndAStaleEditorIsRefused() {
        Template t = s.create(w.designer, w.acmeTemplates(), TemplateFixtures.draft("Receipt", "<p>v1</p>"));
        assertThat(s.save(w.designer, w.acmeTemplates(), t.id(), t.toDraft(), 1).version())
                .isEqualTo(1);
        s.save(w.editor, w.acmeTemplates(), t.id(), TemplateFixtures.draft("Receipt", "<p>editor</p>"), 1);
        assertThatThrownBy(() -> s.save(
                        w.designer, w.acmeTemplates(), t.id(), TemplateFixtures.draft("Receipt", "<p>mine</p>"), 1))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("Eli Editor")
                .hasMessageContaining("version 2");
    }

    @Test
    void versionsCanBeComparedAndRestoredAsANewVersion() {
        Template t =
                s.create(w.designer, w.acmeTemplates(), TemplateFixtures.draft("Receipt", "<p>one</p>\n<p>same</p>"));
        s.save(
                w.designer,
                w.acmeTemplates(),
                t.id(),
                TemplateFixtures.draft("Receipt v2", "<p>two</p>\n<p>same</p>"),
                1);

        VersionComparison c = s.compare(w.designer, w.acmeTemplates(), t.id(), 1, 2);
        assertThat(c.parts()).containsOnlyKeys("Details", "Subject", "HTML", "Plain text", "Sample data");
        assertThat(c.parts().get("HTML").rows())
                .extracting(DiffRow::kind)
                .containsExactly(DiffRow.Kind.CHANGED, DiffRow.Kind.SAME);
        assertThat(c.parts().get("Subject").hasChanges()).isFalse();
        assertThat(c.parts().get("Details").hasChanges()).isTrue();

        Template restored = s.restore(w.designer, w.acmeTemplates(), t.id(), 1);
        assertThat(restored.version()).isEqualTo(3);
        assertThat(restored.name()).isEqualTo("Receipt");
        assertThat(restored.content().html()).isEqualTo("<p>one</p>\n<p>same</p>");
        assertThat(s.versions(w.designer, w.acmeTemplates(), t.id()))
                .first()
                .satisfies(v -> assertThat(v.note()).isEqualTo("Restored from version 1"));
        assertThat(s.compare(w.designer, w.acmeTemplates(), t.id(), 1, 3).identical())
                .isTrue();
        assertThatThrownBy(() -> s.restore(w.designer, w.acmeTemplates(), t.id(), 3))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> s.restore(w.designer, w.acmeTemplates(), t.id(), 9))
                .isInstanceOf(NotFound.class)
                .hasMessageContaining("no version 9");
    }

    @Test
    void rolesDecideWhoReadsAndWhoChanges() {
        Template t = s.create(w.designer, w.acmeTemplates(), TemplateFixtures.draft("Receipt", "<p>x</p>"));
        // Analytics may know Acme exists, but not read or change its templates
        assertThatThrownBy(() -> s.list(w.analyst, w.acmeTemplates())).isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(
                        () -> s.save(w.analyst, w.acmeTemplates(), t.id(), TemplateFixtures.draft("R", "<p>y</p>"), 1))
                .isInstanceOf(PermissionDenied.class);
        // someone without any role in Acme is told it does not exist
        assertThatThrownBy(() -> s.get(w.boltDesigner, w.acmeTemplates(), t.id()))
                .isInstanceOf(NotFound.class);
        // and a template id from another tenant is not found under this one
        assertThatThrownBy(() -> s.get(w.owner, w.boltTemplates(), t.id())).isInstanceOf(NotFound.class);
        assertThat(s.list(w.owner, w.acmeTemplates())).hasSize(1);
    }

    @Test
    void namesAreUniquePerOwnerAndInputIsValidated() {
        s.create(w.designer, w.acmeTemplates(), TemplateFixtures.draft("Receipt", "<p>x</p>"));
        assertThatThrownBy(
                        () -> s.create(w.designer, w.acmeTemplates(), TemplateFixtures.draft(" receipt ", "<p>x</p>")))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.problems()).containsOnlyKeys("name"));
        s.create(w.boltDesigner, w.boltTemplates(), TemplateFixtures.draft("Receipt", "<p>x</p>"));
        TemplateDraft bad =
                new TemplateDraft(" ", TemplateKind.OTHER, new TemplateContent("", "", Optional.empty(), "", true));
        assertThatThrownBy(() -> s.create(w.designer, w.acmeTemplates(), bad))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.problems()).containsOnlyKeys("name", "subject", "html"));
    }

    @Test
    void anArchivedTenantsTemplatesAreReadOnly() {
        Template t = s.create(w.designer, w.acmeTemplates(), TemplateFixtures.draft("Receipt", "<p>x</p>"));
        w.tenants.setStatus(w.acme, TenantStatus.ARCHIVED, Optional.of(w.clock.instant()));
        assertThat(s.get(w.designer, w.acmeTemplates(), t.id()).name()).isEqualTo("Receipt");
        assertThatThrownBy(() -> s.delete(w.designer, w.acmeTemplates(), t.id()))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("archived");
    }

    @Test
    void aBrandKitChangeReachesEveryTemplateAtItsNextRender() {
        s.saveBrandKit(w.designer, w.acme, TemplateFixtures.acmeKit());
        Template a = s.create(
                w.designer,
                w.acmeTemplates(),
                new TemplateDraft(
                        "A",
                        TemplateKind.OTHER,
                        TemplateFixtures.content(
                                "{{brand.companyName}}", "<p style=\"color: {{brand.primaryColor}}\">a</p>", "{}")));
        Template b = s.useStarter(w.designer, w.acmeTemplates(), "saas/welcome", Optional.empty());
        assertThat(s.render(w.designer, w.acme, a.id(), Optional.empty(), RenderTarget.PREVIEW)
                        .html())
                .contains("#1A73E8");

        s.saveBrandKit(w.designer, w.acme, TemplateFixtures.acmeKit().withPrimaryColor("#FF5500"));

        for (Template t : List.of(a, b)) {
            Rendering r = s.render(w.designer, w.acme, t.id(), Optional.empty(), RenderTarget.PREVIEW);
            assertThat(r.html()).contains("#FF5500").doesNotContain("#1A73E8");
        }
        AuditEntry change = w.audit().stream()
                .filter(e -> e.action().equals("brandkit.saved"))
                .reduce((x, y) -> y)
                .orElseThrow();
        assertThat(change.details()).isEqualTo("primary colour: #1A73E8 → #FF5500");
    }

    @Test
    void startersAndLibraryTemplatesAreCopiedWithTheBrandKitApplied() {
        Template lib = s.create(
                w.owner,
                TemplateOwner.agency(),
                new TemplateDraft(
                        "Agency welcome",
                        TemplateKind.WELCOME,
                        new TemplateContent("Hi", "<p>{{brand.companyName}}</p>", Optional.empty(), "{}", false)));
        // every tenant's people may see the library, read-only
        assertThat(s.list(w.boltDesigner, TemplateOwner.agency()))
                .extracting(Template::name)
                .containsExactly("Agency welcome");
        assertThatThrownBy(() -> s.save(
                        w.designer,
                        TemplateOwner.agency(),
                        lib.id(),
                        lib.toDraft().withName("Mine"),
                        1))
                .isInstanceOf(PermissionDenied.class)
                .hasMessageContaining("read-only");
        assertThatThrownBy(() -> s.list(w.analyst, TemplateOwner.agency())).isInstanceOf(PermissionDenied.class);

        Template copy = s.copyFromLibrary(w.designer, w.acme, lib.id(), Optional.empty());
        assertThat(copy.owner()).isEqualTo(w.acmeTemplates());
        assertThat(copy.content().usesBrandKit()).isTrue();
        assertThat(copy.origin()).contains("Agency library: Agency welcome");
        Template second = s.copyFromLibrary(w.designer, w.acme, lib.id(), Optional.empty());
        assertThat(second.name()).isEqualTo("Agency welcome (copy)");

        Template starter = s.useStarter(w.designer, w.acmeTemplates(), "saas/welcome", Optional.of("Hello"));
        assertThat(starter.name()).isEqualTo("Hello");
        assertThat(starter.origin()).contains("Starter: Welcome (SaaS)");
        assertThatThrownBy(() -> s.useStarter(w.designer, w.acmeTemplates(), "nope", Optional.empty()))
                .isInstanceOf(NotFound.class);
        assertThat(w.audit())
                .extracting(AuditEntry::action)
                .contains("template.copied_from_library", "template.copied_from_starter");
    }

    @Test
    void importResolvesBrandReferencesAgainstTheImportingTenantAndReportsWhatIsMissing() {
        s.saveBrandKit(w.designer, w.acme, TemplateFixtures.acmeKit());
        Template t = s.create(
                w.designer,
                w.acmeTemplates(),
                new TemplateDraft(
                        "Welcome",
                        TemplateKind.WELCOME,
                        TemplateFixtures.content(
                                "Hi from {{brand.companyName}}",
                                "<img src=\"{{brand.logo}}\"><a href=\"{{brand.social.instagram}}\">IG</a>"
                                        + "<p style=\"color: {{brand.primaryColor}}\">{{brand.postalAddress}}</p>",
                                "{}")));
        byte[] file = s.export(w.designer, w.acmeTemplates(), List.of(t.id()));

        // Bolt's kit has colours and a name, but no logo, no address and no Instagram
        s.saveBrandKit(
                w.boltDesigner,
                w.bolt,
                new BrandKit(
                        Optional.empty(),
                        "#00AA55",
                        "#003311",
                        "#FFFFFF",
                        "#111111",
                        "Arial",
                        "Bolt Bikes",
                        "",
                        List.of()));
        s.create(w.boltDesigner, w.boltTemplates(), TemplateFixtures.draft("Welcome", "<p>existing</p>"));

        ImportReport report = s.importBundle(w.boltDesigner, w.boltTemplates(), file);

        assertThat(report.imported()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("Welcome (imported)");
            assertThat(i.renamed()).isTrue();
        });
        assertThat(report.tenantHasBrandKit()).isTrue();
        assertThat(report.missing())
                .extracting(ImportReport.MissingBrandValue::variable)
                .containsExactly("brand.logo", "brand.social.instagram", "brand.postalAddress");
        assertThat(report.missing()).allSatisfy(m -> {
            assertThat(m.usedBy()).containsExactly("Welcome");
            assertThat(m.bundleHadValue()).isTrue();
        });
        // and the imported template renders with Bolt's kit, not Acme's
        Rendering r =
                s.render(w.boltDesigner, w.bolt, report.imported().get(0).id(), Optional.empty(), RenderTarget.PREVIEW);
        assertThat(r.subject()).isEqualTo("Hi from Bolt Bikes");
        assertThat(r.html()).contains("#00AA55");
        assertThat(w.audit()).extracting(AuditEntry::action).contains("template.exported", "template.imported");
    }

    @Test
    void importingIntoATenantWithoutAKitReportsEveryBrandValue() {
        Template t = s.create(
                w.designer,
                w.acmeTemplates(),
                new TemplateDraft(
                        "W",
                        TemplateKind.WELCOME,
                        TemplateFixtures.content("{{brand.companyName}}", "<p>{{brand.primaryColor}}</p>", "{}")));
        ImportReport report = s.importBundle(
                w.boltDesigner, w.boltTemplates(), s.export(w.designer, w.acmeTemplates(), List.of(t.id())));
        assertThat(report.tenantHasBrandKit()).isFalse();
        assertThat(report.missing())
                .extracting(ImportReport.MissingBrandValue::variable)
                .containsExactly("brand.companyName", "brand.primaryColor");
        assertThat(report.missing().get(0).bundleHadValue()).isFalse();
        assertThat(report.missing().get(0).describe())
                .isEqualTo("brand.companyName, used by W: add it to this client's brand kit.");
    }

    @Test
    void aBadBundleStoresNothing() {
        assertThatThrownBy(() -> s.importBundle(w.boltDesigner, w.boltTemplates(), "garbage".getBytes()))
                .isInstanceOf(InvalidInput.class);
        assertThat(s.list(w.boltDesigner, w.boltTemplates())).isEmpty();
        assertThatThrownBy(() -> s.importBundle(w.analyst, w.acmeTemplates(), "garbage".getBytes()))
                .isInstanceOf(
                        InvalidInput.class); // the file is read before anything else; nothing is stored either way
    }
}
