package dev.mailroom.persistence.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.common.ExternalFailure;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.UserId;
import dev.mailroom.model.templates.BrandKit;
import dev.mailroom.model.templates.BusinessKind;
import dev.mailroom.model.templates.ImportReport;
import dev.mailroom.model.templates.Logo;
import dev.mailroom.model.templates.RenderTarget;
import dev.mailroom.model.templates.SimpleFakes;
import dev.mailroom.model.templates.SocialLink;
import dev.mailroom.model.templates.StarterLibrary;
import dev.mailroom.model.templates.StarterTemplate;
import dev.mailroom.model.templates.Template;
import dev.mailroom.model.templates.TemplateContent;
import dev.mailroom.model.templates.TemplateDraft;
import dev.mailroom.model.templates.TemplateFixtures;
import dev.mailroom.model.templates.TemplateKind;
import dev.mailroom.model.templates.TemplateOwner;
import dev.mailroom.model.templates.TemplateStore;
import dev.mailroom.model.templates.TemplateVersion;
import dev.mailroom.model.templates.TemplatesWorld;
import dev.mailroom.persistence.access.JooqMembershipStore;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.audit.JooqAuditStore;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JooqTemplateStoresTest {
    private static final StarterLibrary STARTERS = () -> List.of(new StarterTemplate(
            "saas/welcome",
            "Welcome",
            TemplateKind.WELCOME,
            BusinessKind.SAAS,
            "Says hello",
            TemplateFixtures.content(
                    "Welcome to {{brand.companyName}}", "<p style=\"color: {{brand.primaryColor}}\">Hi</p>", "{}")));
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00.123456Z");

    @TempDir
    Path dir;

    private static TemplatesWorld world(Store store) {
        JooqTransactions tx = store.transactions();
        return new TemplatesWorld(
                new JooqUserStore(tx, java.time.Clock.systemUTC()),
                new JooqMembershipStore(tx),
                new JooqTenantStore(tx),
                new JooqAuditStore(tx),
                new JooqTemplateStore(tx),
                new JooqBrandKitStore(tx),
                tx,
                STARTERS,
                SimpleFakes.tools());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void templatesAndVersionsAreKeptPerOwnerAndNeverReadAcrossTenants(Backend backend) {
        try (Store store = backend.open(dir)) {
            TemplatesWorld w = world(store);
            JooqTemplateStore templates = new JooqTemplateStore(store.transactions());
            TemplateStore.Author dee = new TemplateStore.Author(Optional.of(new UserId(2)), "Dee Designer");
            String bigHtml = "<p>" + "x".repeat(3 * 1024 * 1024) + "</p>";
            TemplateDraft draft = new TemplateDraft(
                    "Receipt",
                    TemplateKind.INVOICE,
                    new TemplateContent("Receipt {{n}}", bigHtml, Optional.of("Text {{n}}"), "{\"n\": 1}", true));

            var id = store.transactions()
                    .inTransaction(() -> templates.insert(
                            w.acmeTemplates(), draft, Optional.of("Starter: Receipt"), dee, AT, "Created"));
            var lib = store.transactions()
                    .inTransaction(() -> templates.insert(
                            TemplateOwner.agency(),
                            draft.withName("Library receipt"),
                            Optional.empty(),
                            dee,
                            AT,
                            "Created"));

            Template read = templates.find(w.acmeTemplates(), id).orElseThrow();
            assertThat(read.toDraft()).isEqualTo(draft);
            assertThat(read.version()).isEqualTo(1);
            assertThat(read.createdAt()).isEqualTo(AT);
            assertThat(read.origin()).contains("Starter: Receipt");
            assertThat(templates.find(w.boltTemplates(), id)).isEmpty();
            assertThat(templates.find(TemplateOwner.agency(), id)).isEmpty();
            assertThat(templates.find(TemplateOwner.agency(), lib))
                    .map(Template::owner)
                    .contains(TemplateOwner.agency());
            assertThat(templates.list(w.acmeTemplates()))
                    .extracting(Template::id)
                    .containsExactly(id);
            assertThat(templates.list(TemplateOwner.agency()))
                    .extracting(Template::id)
                    .containsExactly(lib);
            assertThat(templates.findByNameKey(w.acmeTemplates(), "receipt")).isPresent();
            assertThat(templates.findByNameKey(w.boltTemplates(), "receipt")).isEmpty();

            int v2 = store.transactions()
                    .inTransaction(() -> templates.addVersion(
                            w.acmeTemplates(),
                            id,
                            draft.withName("Receipt 2"),
                            new TemplateStore.Author(Optional.empty(), "Eli"),
                            AT.plusSeconds(60),
                            ""));
            assertThat(v2).isEqualTo(2);
            assertThat(templates.find(w.acmeTemplates(), id).orElseThrow().name())
                    .isEqualTo("Receipt 2");
            List<TemplateVersion> versions = templates.versions(w.acmeTemplates(), id);
            assertThat(versions).extracting(TemplateVersion::number).containsExactly(2, 1);
            assertThat(versions.get(1).authorId()).contains(new UserId(2));
            assertThat(versions.get(1).note()).isEqualTo("Created");
            assertThat(versions.get(1).content().html()).hasSize(bigHtml.length());
            assertThat(templates.versions(w.boltTemplates(), id)).isEmpty();
            assertThat(templates.version(w.acmeTemplates(), id, 1))
                    .map(TemplateVersion::name)
                    .contains("Receipt");

            // a tenant's names are unique even if a use case forgot to check
            assertThatThrownBy(() -> store.transactions()
                            .inTransaction(() -> templates.insert(
                                    w.acmeTemplates(), draft.withName("RECEIPT 2"), Optional.empty(), dee, AT, "")))
                    .isInstanceOf(ExternalFailure.class);

            // deleting the tenant removes its templates and their versions; the library stays
            w.tenants.delete(w.acme);
            assertThat(templates.find(w.acmeTemplates(), id)).isEmpty();
            assertThat(templates.versions(w.acmeTemplates(), id)).isEmpty();
            assertThat(templates.list(TemplateOwner.agency())).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void brandKitsKeepTheirLogoAndSocialLinksInOrder(Backend backend) {
        try (Store store = backend.open(dir)) {
            TemplatesWorld w = world(store);
            JooqBrandKitStore kits = new JooqBrandKitStore(store.transactions());
            assertThat(kits.find(w.acme)).isEmpty();

            BrandKit kit = TemplateFixtures.acmeKit();
            store.transactions().run(() -> kits.save(w.acme, kit, AT));
            assertThat(kits.find(w.acme)).contains(kit);
            assertThat(kits.find(w.bolt)).isEmpty();

            BrandKit svg = kit.withLogo(Optional.of(Logo.of(TemplateFixtures.svg())));
            BrandKit changed = new BrandKit(
                    svg.logo(),
                    "#000000",
                    kit.secondaryColor(),
                    kit.backgroundColor(),
                    kit.textColor(),
                    kit.fontStack(),
                    kit.companyName(),
                    "",
                    List.of(
                            new SocialLink("youtube", "https://youtube.com/@acme"),
                            new SocialLink("instagram", "https://instagram.com/acme")));
            store.transactions().run(() -> kits.save(w.acme, changed, AT));
            assertThat(kits.find(w.acme)).contains(changed);

            store.transactions().run(() -> kits.save(w.acme, changed.withLogo(Optional.empty()), AT));
            assertThat(kits.find(w.acme).orElseThrow().logo()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aBrandKitChangeReachesEveryTemplateAtItsNextRender(Backend backend) {
        try (Store store = backend.open(dir)) {
            TemplatesWorld w = world(store);
            var s = w.service;
            s.saveBrandKit(w.designer, w.acme, TemplateFixtures.acmeKit());
            Template own = s.create(
                    w.designer,
                    w.acmeTemplates(),
                    new TemplateDraft(
                            "Own",
                            TemplateKind.OTHER,
                            TemplateFixtures.content(
                                    "{{brand.companyName}}",
                                    "<b style=\"color: {{brand.primaryColor}}\">x</b>",
                                    "{}")));
            Template starter = s.useStarter(w.designer, w.acmeTemplates(), "saas/welcome", Optional.empty());
            Template lib = s.create(
                    w.owner,
                    TemplateOwner.agency(),
                    new TemplateDraft(
                            "Lib",
                            TemplateKind.OTHER,
                            TemplateFixtures.content("s", "<i>{{brand.primaryColor}}</i>", "{}")));
            Template copied = s.copyFromLibrary(w.designer, w.acme, lib.id(), Optional.empty());

            s.saveBrandKit(w.designer, w.acme, TemplateFixtures.acmeKit().withPrimaryColor("#FF5500"));

            for (Template t : List.of(own, starter, copied)) {
                assertThat(s.render(w.designer, w.acme, t.id(), Optional.empty(), RenderTarget.PREVIEW)
                                .html())
                        .as(t.name())
                        .contains("#FF5500")
                        .doesNotContain("#1A73E8");
            }
            assertThat(w.audit())
                    .extracting(AuditEntry::action)
                    .contains("brandkit.saved", "template.copied_from_library");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRestoredVersionBecomesANewVersionAndHistoryIsKept(Backend backend) {
        try (Store store = backend.open(dir)) {
            TemplatesWorld w = world(store);
            var s = w.service;
            Template t = s.create(w.designer, w.acmeTemplates(), TemplateFixtures.draft("Receipt", "<p>one</p>"));
            s.save(w.editor, w.acmeTemplates(), t.id(), TemplateFixtures.draft("Receipt", "<p>two</p>"), 1);
            s.save(w.designer, w.acmeTemplates(), t.id(), TemplateFixtures.draft("Receipt", "<p>three</p>"), 2);

            Template restored = s.restore(w.designer, w.acmeTemplates(), t.id(), 1);

            assertThat(restored.version()).isEqualTo(4);
            assertThat(restored.content().html()).isEqualTo("<p>one</p>");
            assertThat(s.versions(w.designer, w.acmeTemplates(), t.id()))
                    .extracting(TemplateVersion::number, TemplateVersion::authorName, TemplateVersion::note)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(4, "Dee Designer", "Restored from version 1"),
                            org.assertj.core.groups.Tuple.tuple(3, "Dee Designer", ""),
                            org.assertj.core.groups.Tuple.tuple(2, "Eli Editor", ""),
                            org.assertj.core.groups.Tuple.tuple(1, "Dee Designer", "Created"));
            assertThat(s.compare(w.designer, w.acmeTemplates(), t.id(), 1, 4).identical())
                    .isTrue();
            assertThat(w.audit()).extracting(AuditEntry::action).endsWith("template.restored");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void importReportsTheBrandValuesTheImportingTenantLacks(Backend backend) {
        try (Store store = backend.open(dir)) {
            TemplatesWorld w = world(store);
            var s = w.service;
            s.saveBrandKit(w.designer, w.acme, TemplateFixtures.acmeKit());
            Template t = s.create(
                    w.designer,
                    w.acmeTemplates(),
                    new TemplateDraft(
                            "Welcome",
                            TemplateKind.WELCOME,
                            TemplateFixtures.content(
                                    "Hi from {{brand.companyName}}",
                                    "<img src=\"{{brand.logo}}\"><a href=\"{{brand.social.linkedin}}\">in</a><p>{{brand.primaryColor}}</p>",
                                    "{}")));
            byte[] file = s.export(w.designer, w.acmeTemplates(), List.of(t.id()));
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

            ImportReport report = s.importBundle(w.boltDesigner, w.boltTemplates(), file);

            assertThat(report.imported())
                    .extracting(ImportReport.Imported::name)
                    .containsExactly("Welcome");
            assertThat(report.missing())
                    .extracting(ImportReport.MissingBrandValue::variable)
                    .containsExactly("brand.logo", "brand.social.linkedin");
            TenantId bolt = w.bolt;
            Template imported = s.get(
                    w.boltDesigner, w.boltTemplates(), report.imported().get(0).id());
            assertThat(imported.origin()).contains("Imported from Acme");
            assertThat(s.render(w.boltDesigner, bolt, imported.id(), Optional.empty(), RenderTarget.PREVIEW)
                            .subject())
                    .isEqualTo("Hi from Bolt Bikes");
            assertThat(w.audit())
                    .filteredOn(e -> e.action().equals("template.imported"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.details())
                            .contains("missing brand values: brand.logo, brand.social.linkedin"));
        }
    }
}
