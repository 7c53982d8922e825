package dev.mailroom.mailer.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.templates.BrandKit;
import dev.mailroom.model.templates.DiffRow;
import dev.mailroom.model.templates.ImportReport;
import dev.mailroom.model.templates.RenderTarget;
import dev.mailroom.model.templates.Rendering;
import dev.mailroom.model.templates.Template;
import dev.mailroom.model.templates.TemplateFixtures;
import dev.mailroom.model.templates.TemplateService;
import dev.mailroom.model.templates.TemplatesWorld;
import dev.mailroom.model.templates.VersionComparison;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/** The use cases with the real adapters: Handlebars, java-diff-utils, the JSON bundle codec and the starters. */
class TemplateServiceIntegrationTest {
    private final TemplatesWorld w = new TemplatesWorld(
            new ClasspathStarterLibrary(),
            new TemplateService.Tools(
                    new HandlebarsTemplateRenderer(), new DiffUtilsTextDiffer(), new JsonTemplateBundleCodec()));
    private final TemplateService s = w.service;

    @Test
    void aStarterUsedInTwoTenantsWearsEachTenantsBrandAndFollowsKitChanges() {
        s.saveBrandKit(w.designer, w.acme, TemplateFixtures.acmeKit());
        s.saveBrandKit(
                w.boltDesigner,
                w.bolt,
                new BrandKit(
                        Optional.empty(),
                        "#00AA55",
                        "#003311",
                        "#F0F7F3",
                        "#111111",
                        "Georgia, serif",
                        "Bolt Bikes",
                        "9 Spoke Lane, Utrecht",
                        List.of()));
        Template acme = s.useStarter(w.designer, w.acmeTemplates(), "ecommerce/order-confirmation", Optional.empty());
        Template bolt =
                s.useStarter(w.boltDesigner, w.boltTemplates(), "ecommerce/order-confirmation", Optional.empty());

        Rendering a = s.render(w.designer, w.acme, acme.id(), Optional.empty(), RenderTarget.PREVIEW);
        Rendering b = s.render(w.boltDesigner, w.bolt, bolt.id(), Optional.empty(), RenderTarget.PREVIEW);
        assertThat(a.ok()).isTrue();
        assertThat(Jsoup.parse(a.html()).selectFirst("td.button-cell").attr("style"))
                .contains("#1A73E8");
        assertThat(Jsoup.parse(b.html()).selectFirst("td.button-cell").attr("style"))
                .contains("#00AA55");
        assertThat(b.text()).contains("Bolt Bikes");

        s.saveBrandKit(w.designer, w.acme, TemplateFixtures.acmeKit().withPrimaryColor("#AA0044"));
        Rendering again = s.render(w.designer, w.acme, acme.id(), Optional.empty(), RenderTarget.PREVIEW);
        assertThat(Jsoup.parse(again.html()).selectFirst("td.button-cell").attr("style"))
                .contains("#AA0044");
    }

    @Test
    void exportAndImportAcrossTenantsThroughARealBundleFile() {
        s.saveBrandKit(w.designer, w.acme, TemplateFixtures.acmeKit());
        Template welcome = s.useStarter(w.designer, w.acmeTemplates(), "saas/welcome", Optional.empty());
        Template otp = s.useStarter(w.designer, w.acmeTemplates(), "saas/one-time-password", Optional.empty());
        byte[] file = s.export(w.designer, w.acmeTemplates(), List.of(welcome.id(), otp.id()));

        s.saveBrandKit(
                w.boltDesigner,
                w.bolt,
                new BrandKit(
                        Optional.empty(),
                        "#00AA55",
                        "#003311",
                        "#F0F7F3",
                        "#111111",
                        "Georgia, serif",
                        "Bolt Bikes",
                        "",
                        List.of()));
        ImportReport report = s.importBundle(w.boltDesigner, w.boltTemplates(), file);

        assertThat(report.imported())
                .extracting(ImportReport.Imported::name)
                .containsExactly("Welcome", "One-time password");
        assertThat(report.missing())
                .extracting(ImportReport.MissingBrandValue::variable)
                .containsExactlyInAnyOrder("brand.logo", "brand.postalAddress", "brand.socialLinks");
        assertThat(report.missing())
                .allSatisfy(m -> assertThat(m.bundleHadValue()).isTrue());
        Rendering r =
                s.render(w.boltDesigner, w.bolt, report.imported().get(0).id(), Optional.empty(), RenderTarget.PREVIEW);
        assertThat(r.subject()).startsWith("Welcome to Bolt Bikes");

        assertThatThrownBy(
                        () -> s.importBundle(w.boltDesigner, w.boltTemplates(), Arrays.copyOf(file, file.length - 100)))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("incomplete");
    }

    @Test
    void versionsCompareSideBySideWithRealDiffs() {
        Template t = s.useStarter(w.designer, w.acmeTemplates(), "saas/password-reset", Optional.empty());
        String html = t.content().html().replace("Choose a new password", "Set a new password");
        s.save(
                w.designer,
                w.acmeTemplates(),
                t.id(),
                new dev.mailroom.model.templates.TemplateDraft(
                        t.name(),
                        t.kind(),
                        new dev.mailroom.model.templates.TemplateContent(
                                t.content().subject(),
                                html,
                                t.content().textPart(),
                                t.content().sampleData(),
                                true)),
                1);
        VersionComparison c = s.compare(w.designer, w.acmeTemplates(), t.id(), 1, 2);
        assertThat(c.parts().get("HTML").rows())
                .filteredOn(r -> r.kind() == DiffRow.Kind.CHANGED)
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.left()).contains("Choose a new password");
                    assertThat(row.right()).contains("Set a new password");
                    assertThat(row.leftNumber()).isEqualTo(row.rightNumber()).isGreaterThan(50);
                });
    }
}
