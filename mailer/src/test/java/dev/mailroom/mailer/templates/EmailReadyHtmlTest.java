package dev.mailroom.mailer.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.templates.RenderRequest;
import dev.mailroom.model.templates.RenderTarget;
import dev.mailroom.model.templates.Rendering;
import dev.mailroom.model.templates.TemplateFixtures;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The email-ready output: CSS inlined by the cascade's rules, nothing active, and the plain-text part. */
class EmailReadyHtmlTest {
    private final HandlebarsTemplateRenderer renderer = new HandlebarsTemplateRenderer();

    private Rendering render(String html, RenderTarget target) {
        return renderer.render(
                new RenderRequest(TemplateFixtures.content("s", html, "{}"), "{}", Optional.empty(), target));
    }

    private Document send(String html) {
        return Jsoup.parse(render(html, RenderTarget.SEND).html());
    }

    @Nested
    class CssInlining {
        @Test
        void specificityDecidesNotSourceOrder() {
            Document d = send(
                    "<style>#hero p { color: red; } .lead { color: green; } p { color: blue; font-size: 14px; }</style>"
                            + "<div id=\"hero\"><p class=\"lead\">x</p></div><p class=\"lead\">y</p><p>z</p>");
            assertThat(d.select("p").eachAttr("style"))
                    .containsExactly(
                            "font-size: 14px; color: red;",
                            "font-size: 14px; color: green;",
                            "color: blue; font-size: 14px;");
        }

        @Test
        void laterRulesWinAtEqualSpecificityAndImportantBeatsEverything() {
            Document d = send(
                    "<style>.a { color: red; } .b { color: blue; } .c { color: green !important; }</style>"
                            + "<p class=\"a b\">1</p><p class=\"c\" style=\"color: black\">2</p><p class=\"a\" style=\"color: black\">3</p>");
            assertThat(d.select("p").eachAttr("style"))
                    .containsExactly("color: blue;", "color: green !important;", "color: black;");
        }

        @Test
        void theElementsOwnStyleBeatsSelectorsAndShorthandsStayInCascadeOrder() {
            Document d = send("<style>td.x { padding: 10px; } td { padding-top: 0; }</style>"
                    + "<table><tr><td class=\"x\" style=\"padding-left: 2px\">a</td></tr></table>");
            assertThat(d.selectFirst("td").attr("style"))
                    .isEqualTo("padding-top: 0; padding: 10px; padding-left: 2px;");
        }

        @Test
        void mediaQueriesFontFacesAndHoverRulesStayInAStyleBlock() {
            Document d = send(
                    "<html><head><style>a { color: #1A73E8; } a:hover { color: red; } p::first-line { font-weight: bold; }"
                            + "@media only screen and (max-width: 600px) { .wrap { width: 100% !important; } }"
                            + "@font-face { font-family: Brand; src: url(https://cdn.example.com/brand.woff2); }</style></head>"
                            + "<body><div class=\"wrap\"><a href=\"https://example.com\">link</a><p>t</p></div></body></html>");
            assertThat(d.selectFirst("a").attr("style")).isEqualTo("color: #1A73E8;");
            assertThat(d.selectFirst("div.wrap").hasAttr("style")).isFalse();
            Element style = d.head().selectFirst("style");
            assertThat(d.select("style")).hasSize(1);
            assertThat(style.data())
                    .contains("@media only screen and (max-width:600px)")
                    .contains(".wrap")
                    .contains("a:hover")
                    .contains("::first-line")
                    .contains("@font-face")
                    .doesNotContain("color:#1A73E8");
        }

        @Test
        void structuralPseudoClassesAttributeSelectorsAndCombinatorsAreInlined() {
            Document d = send("<style>tr:first-child td { font-weight: bold; } li:nth-child(2n) { color: gray; }"
                    + "a[href^=\"mailto:\"] { text-decoration: none; } h1 + p { margin-top: 0; } ul > li:not(.skip) { padding: 1px; }</style>"
                    + "<table><tr><td>a</td></tr><tr><td>b</td></tr></table><ul><li>1</li><li>2</li><li class=\"skip\">3</li></ul>"
                    + "<a href=\"mailto:x@y.z\">m</a><h1>T</h1><p>after</p>");
            assertThat(d.select("td").eachAttr("style")).containsExactly("font-weight: bold;");
            assertThat(d.select("li").eachAttr("style")).containsExactly("padding: 1px;", "color: gray; padding: 1px;");
            assertThat(d.selectFirst("a").attr("style")).isEqualTo("text-decoration: none;");
            assertThat(d.selectFirst("h1 + p").attr("style")).isEqualTo("margin-top: 0;");
        }

        @Test
        void cssThatCannotBeReadIsSkippedWithAWarningAndTheRestStillApplies() {
            Rendering r = render(
                    "<style>p { color: red; } td { color: ~~; } @@@; .ok { font-size: 12px; }</style><p class=\"ok\">x</p>",
                    RenderTarget.SEND);
            assertThat(r.ok()).isTrue();
            assertThat(Jsoup.parse(r.html()).selectFirst("p").attr("style")).contains("color: red;");
            assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith("CSS:"));
        }

        @Test
        void aStyleSheetReadOnceServesEveryMessageOfATemplateAndChangesWhenTheDataDoes() {
            // One template, many recipients: the <style> text repeats and is read once; each document
            // must still get exactly what a first read would give it, combinators and own styles included.
            String template = "<style>.items td { padding: 4px; } tr:first-child td { font-weight: bold; } "
                    + "ul > li:not(.skip) { color: {{colour}}; } .note { display: none; }</style>"
                    + "<table class=\"items\">{{#each rows}}<tr><td style=\"color: #111\">{{this}}</td></tr>{{/each}}</table>"
                    + "<ul><li>a</li><li class=\"skip\">b</li></ul><p class=\"note\">hidden</p><p>shown {{rows.[0]}}</p>";
            for (int i = 1; i <= 3; i++) {
                String data = "{\"colour\":\"" + (i == 3 ? "#00AA55" : "#AA0044") + "\",\"rows\":["
                        + String.join(",", java.util.Collections.nCopies(i, "\"row" + i + "\"")) + "]}";
                Rendering r = renderer.render(new RenderRequest(
                        TemplateFixtures.content("s", template, data), data, Optional.empty(), RenderTarget.SEND));
                Document d = Jsoup.parse(r.html());
                assertThat(d.select("td")).hasSize(i);
                assertThat(d.select("td").first().attr("style"))
                        .isEqualTo("padding: 4px; font-weight: bold; color: #111;");
                assertThat(d.select("td").last().attr("style"))
                        .isEqualTo(
                                i == 1
                                        ? "padding: 4px; font-weight: bold; color: #111;"
                                        : "padding: 4px; color: #111;");
                assertThat(d.select("li").eachAttr("style"))
                        .containsExactly("color: " + (i == 3 ? "#00AA55" : "#AA0044") + ";");
                assertThat(r.text()).contains("shown row" + i).doesNotContain("hidden");
            }
        }

        @Test
        void printStyleSheetsAreLeftAlone() {
            Document d = send("<style media=\"print\">p { display: none; }</style><p>x</p>");
            assertThat(d.selectFirst("p").hasAttr("style")).isFalse();
            assertThat(d.select("style[media=print]")).hasSize(1);
        }
    }

    @Nested
    class ActiveContent {
        @Test
        void scriptsHandlersAndJavascriptLinksAreRemovedAndRemoteContentBlockedInThePreview() {
            String html = "<html><head><script src=\"https://evil.example/x.js\"></script>"
                    + "<link rel=\"stylesheet\" href=\"https://cdn.example.com/site.css\">"
                    + "<style>.hero { background-image: url('https://img.example.com/bg.png'); }</style></head>"
                    + "<body onload=\"steal()\"><script>alert(1)</script><div class=\"hero\">"
                    + "<img src=\"https://img.example.com/track.gif?u=1\" onerror=\"alert(2)\" alt=\"pixel\">"
                    + "<img srcset=\"https://img.example.com/a.png 2x\" src=\"data:image/png;base64,AAAA\">"
                    + "<a href=\"javascript:alert(3)\">bad</a><a href=\"https://example.com\">good</a>"
                    + "<table background=\"https://img.example.com/t.png\"><tr><td style=\"background: url(//img.example.com/c.png)\">c</td></tr></table>"
                    + "<svg><image href=\"https://img.example.com/s.png\"/></svg><link rel=\"icon\" href=\"https://img.example.com/i.ico\">"
                    + "<video src=\"https://img.example.com/v.mp4\" poster=\"https://img.example.com/p.png\"></video>"
                    + "<iframe src=\"https://example.com\"></iframe><object data=\"x.swf\"></object></div></body></html>";
            Rendering r = render(html, RenderTarget.PREVIEW);
            Document d = Jsoup.parse(r.html());

            assertThat(d.select("script, iframe, object, embed, link")).isEmpty();
            assertThat(d.getAllElements())
                    .allSatisfy(e -> e.attributes().forEach(a -> {
                        assertThat(a.getKey()).doesNotStartWith("on");
                        assertThat(a.getValue().toLowerCase()).doesNotContain("javascript:");
                    }));
            // nothing left for the preview to fetch
            assertThat(d.select("[src]").eachAttr("src"))
                    .allSatisfy(src -> assertThat(src).startsWith("data:"));
            assertThat(d.select("[srcset], [background]")).isEmpty();
            assertThat(d.selectFirst("img[alt=pixel]").attr("data-blocked-src"))
                    .isEqualTo("https://img.example.com/track.gif?u=1");
            d.select("[data-blocked-src]")
                    .removeAttr("data-blocked-src"); // kept to show what was blocked; never fetched
            assertThat(d.outerHtml()).doesNotContain("img.example.com");
            assertThat(r.blockedRemoteUrls())
                    .contains(
                            "https://img.example.com/track.gif?u=1",
                            "https://img.example.com/bg.png",
                            "https://img.example.com/t.png",
                            "//img.example.com/c.png",
                            "https://img.example.com/s.png",
                            "https://img.example.com/i.ico",
                            "https://img.example.com/v.mp4",
                            "https://img.example.com/p.png");
            assertThat(d.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content"))
                    .isEqualTo("default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'; font-src data:");
            assertThat(d.selectFirst("a[href=https://example.com]")).isNotNull();
            assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("removed"));
        }

        @Test
        void whenSendingRemoteImagesStayButScriptsDoNot() {
            Rendering r =
                    render("<img src=\"https://img.example.com/logo.png\"><script>x()</script>", RenderTarget.SEND);
            assertThat(r.html())
                    .contains("src=\"https://img.example.com/logo.png\"")
                    .doesNotContain("<script");
            assertThat(r.blockedRemoteUrls()).isEmpty();
            assertThat(r.html()).doesNotContain("Content-Security-Policy");
        }
    }

    @Nested
    class PlainTextPart {
        @Test
        void linksListsBreaksAndHeadingsReadWellAsText() {
            Rendering r = render(
                    "<div style=\"display:none\">Preheader only in the inbox list</div>"
                            + "<h1>Your order</h1><p>Hello Ana,<br>thanks for your order.</p>"
                            + "<ul><li>Mug × 2</li><li>Tea × 1</li></ul><ol><li>Pack</li><li>Ship</li></ol>"
                            + "<p>Track it <a href=\"https://shop.example/track/1\">here</a> or write to "
                            + "<a href=\"mailto:help@shop.example\">help@shop.example</a>.</p>"
                            + "<table><tr><td>Subtotal</td><td>$10.00</td></tr><tr><td>Total</td><td>$12.00</td></tr></table><hr>"
                            + "<a href=\"https://shop.example\"><img src=\"x.png\" alt=\"Shop logo\"></a>",
                    RenderTarget.SEND);
            assertThat(r.text()).isEqualTo("""
                    Your order

                    Hello Ana,
                    thanks for your order.

                    - Mug × 2
                    - Tea × 1

                    1. Pack
                    2. Ship

                    Track it here (https://shop.example/track/1) or write to help@shop.example.

                    Subtotal $10.00
                    Total $12.00

                    ----------------------------------------

                    Shop logo (https://shop.example)
                    """);
        }

        @Test
        void anEditedTextPartIsRenderedInsteadOfGenerated() {
            var content = TemplateFixtures.content("s", "<p>{{name}}</p>", "{\"name\":\"Ana\"}")
                    .withTextPart(Optional.of("Hi {{name}}!"));
            Rendering r = renderer.render(RenderRequest.preview(content, Optional.empty()));
            assertThat(r.text()).isEqualTo("Hi Ana!");
        }
    }
}
