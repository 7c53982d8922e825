package dev.mailroom.mailer.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.templates.BrandKit;
import dev.mailroom.model.templates.BusinessKind;
import dev.mailroom.model.templates.RenderRequest;
import dev.mailroom.model.templates.RenderTarget;
import dev.mailroom.model.templates.Rendering;
import dev.mailroom.model.templates.StarterTemplate;
import dev.mailroom.model.templates.TemplateFixtures;
import dev.mailroom.model.templates.TemplateKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StarterLibraryTest {
    private static final ClasspathStarterLibrary LIBRARY = new ClasspathStarterLibrary();
    private final HandlebarsTemplateRenderer renderer = new HandlebarsTemplateRenderer();
    private final BrandKit kit = TemplateFixtures.acmeKit();

    static Stream<StarterTemplate> starters() {
        return LIBRARY.all().stream();
    }

    @Test
    void coversEveryKindOfEmailAndEveryKindOfBusiness() {
        assertThat(LIBRARY.all()).hasSizeGreaterThanOrEqualTo(10);
        EnumSet<TemplateKind> kinds = EnumSet.allOf(TemplateKind.class);
        kinds.remove(TemplateKind.OTHER);
        assertThat(LIBRARY.all()).extracting(StarterTemplate::kind).containsAll(kinds);
        for (BusinessKind b : BusinessKind.values()) {
            assertThat(LIBRARY.of(b)).as(b.label()).isNotEmpty();
        }
        assertThat(LIBRARY.all()).extracting(StarterTemplate::id).doesNotHaveDuplicates();
        assertThat(LIBRARY.find("saas/password-reset"))
                .map(StarterTemplate::name)
                .contains("Password reset");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starters")
    void rendersItsSampleDataWithNothingMissing(StarterTemplate s) {
        Rendering r = renderer.render(
                new RenderRequest(s.content(), s.content().sampleData(), Optional.of(kit), RenderTarget.SEND));
        assertThat(r.problems()).isEmpty();
        assertThat(r.missingVariables()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.subject()).isNotBlank().doesNotContain("{{");
        assertThat(r.html()).doesNotContain("{{").doesNotContain("}}");
        assertThat(r.inlineImages()).extracting(i -> i.contentId()).containsExactly("brand-logo");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starters")
    void isEmailClientReadyInlinedTableBasedAndScriptFree(StarterTemplate s) {
        Rendering r = renderer.render(
                new RenderRequest(s.content(), s.content().sampleData(), Optional.of(kit), RenderTarget.SEND));
        Document d = Jsoup.parse(r.html());
        // CSS inlined: only the responsive rules stay in the head
        assertThat(d.select("style")).hasSize(1);
        String kept = d.selectFirst("style").data();
        assertThat(kept).startsWith("@media only screen and (max-width:620px)").doesNotContain(".card");
        assertThat(d.selectFirst("td.card").attr("style"))
                .contains("background-color: #FFFFFF")
                .contains("border-top: 4px solid #1A73E8");
        assertThat(d.selectFirst("td.content").attr("style"))
                .contains("color: #1F2933")
                .contains("font-family: Helvetica,Arial,sans-serif");
        assertThat(d.select("td.button-cell a.button"))
                .allSatisfy(a ->
                        assertThat(a.attr("style")).contains("color: #FFFFFF").contains("text-decoration: none"));
        // table-based, 600 px, brand colours in bgcolor for Outlook, no JavaScript
        assertThat(d.select("table.container[width=600]")).hasSize(1);
        assertThat(d.select("div")).extracting(Element::className).containsOnly("preheader");
        assertThat(d.select("script")).isEmpty();
        assertThat(d.getAllElements())
                .allSatisfy(
                        e -> e.attributes().forEach(a -> assertThat(a.getKey()).doesNotStartWith("on")));
        // the brand: logo by cid, footer with address and social links
        assertThat(d.selectFirst("td.header img").attr("src")).isEqualTo("cid:brand-logo");
        assertThat(d.selectFirst("td.footer").text())
                .contains("Acme Corp · 1 Market Street, San Francisco, CA 94105")
                .contains("Instagram")
                .contains("LinkedIn");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starters")
    void yieldsAReadableTextPart(StarterTemplate s) {
        Rendering r = renderer.render(
                new RenderRequest(s.content(), s.content().sampleData(), Optional.of(kit), RenderTarget.SEND));
        assertThat(r.text()).isNotBlank().doesNotContain("<").doesNotContain("{{");
        assertThat(r.text()).as("the hidden preheader is not in the text part").doesNotContain("\u200C");
        assertThat(r.text()).contains("Acme Corp").contains("(https://");
        List<String> lines = r.text().lines().toList();
        assertThat(lines).noneMatch(l -> l.startsWith(" "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starters")
    void worksWithoutALogoAndShowsTheCompanyNameInstead(StarterTemplate s) {
        BrandKit noLogo = kit.withLogo(Optional.empty());
        Rendering r = renderer.render(
                new RenderRequest(s.content(), s.content().sampleData(), Optional.of(noLogo), RenderTarget.PREVIEW));
        assertThat(r.problems()).isEmpty();
        assertThat(Jsoup.parse(r.html()).selectFirst("td.header").text()).isEqualTo("Acme Corp");
        assertThat(r.missingVariables()).containsExactly("brand.logo");
    }
}
