package dev.mailroom.mailer.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.templates.BrandKit;
import dev.mailroom.model.templates.Logo;
import dev.mailroom.model.templates.RenderProblem;
import dev.mailroom.model.templates.RenderRequest;
import dev.mailroom.model.templates.RenderTarget;
import dev.mailroom.model.templates.Rendering;
import dev.mailroom.model.templates.TemplateContent;
import dev.mailroom.model.templates.TemplateFixtures;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HandlebarsTemplateRendererTest {
    private final HandlebarsTemplateRenderer renderer = new HandlebarsTemplateRenderer();

    private Rendering preview(String html, String data) {
        return render("Subject", html, data, Optional.empty(), RenderTarget.PREVIEW);
    }

    private Rendering render(String subject, String html, String data, Optional<BrandKit> brand, RenderTarget target) {
        return renderer.render(new RenderRequest(TemplateFixtures.content(subject, html, data), data, brand, target));
    }

    @Nested
    class Variables {
        @Test
        void rendersPathsLoopsAndConditionsLikeSendGrid() {
            Rendering r = render(
                    "Order {{order.number}} for {{customer.first}}",
                    "<p>Hi {{customer.first}},</p><ul>{{#each items}}<li>{{name}} × {{qty}}{{#if @last}} (last){{/if}}</li>{{/each}}</ul>"
                            + "{{#if order.gift}}<p>Gift wrapped</p>{{else}}<p>Not a gift</p>{{/if}}",
                    """
                    {"customer": {"first": "Ana"}, "order": {"number": "A-1042", "gift": false},
                     "items": [{"name": "Mug", "qty": 2}, {"name": "Tea", "qty": 1}]}
                    """,
                    Optional.empty(),
                    RenderTarget.SEND);

            assertThat(r.ok()).isTrue();
            assertThat(r.subject()).isEqualTo("Order A-1042 for Ana");
            assertThat(r.html())
                    .contains("<li>Mug × 2</li><li>Tea × 1 (last)</li>")
                    .contains("Not a gift")
                    .doesNotContain("Gift wrapped");
            assertThat(r.missingVariables()).isEmpty();
        }

        @Test
        void escapesHtmlByDefaultAndNotInTripleStash() {
            Rendering r = preview(
                    "<p>{{note}}</p><div>{{{trusted}}}</div>",
                    "{\"note\": \"<b>bold</b> & co\", \"trusted\": \"<b>bold</b>\"}");
            assertThat(r.html())
                    .contains("<p>&lt;b&gt;bold&lt;/b&gt; &amp; co</p>")
                    .contains("<div><b>bold</b></div>");
        }

        @Test
        void subjectAndTextAreNotHtmlEscaped() {
            TemplateContent c = new TemplateContent(
                    "Tom & Jerry's {{what}}",
                    "<p>{{what}}</p>",
                    Optional.of("Hello {{what}} <3"),
                    "{\"what\": \"<fun>\"}",
                    false);
            Rendering r = renderer.render(RenderRequest.preview(c, Optional.empty()));
            assertThat(r.subject()).isEqualTo("Tom & Jerry's <fun>");
            assertThat(r.text()).isEqualTo("Hello <fun> <3");
            assertThat(r.html()).contains("<p>&lt;fun&gt;</p>");
        }

        @Test
        void listsVariablesTheDataLacksIncludingInsideLoopsAndUntakenBranches() {
            Rendering r = preview(
                    "<p>{{order.number}} {{order.total}}</p>{{#each items}}<p>{{name}} {{price}}</p>{{/each}}"
                            + "{{#if coupon}}<p>{{coupon.code}}</p>{{/if}}<p>{{../ignored}}</p>",
                    "{\"order\": {\"number\": \"1\"}, \"items\": [{\"name\": \"a\", \"price\": 1}, {\"name\": \"b\"}]}");
            assertThat(r.ok()).isTrue();
            assertThat(r.missingVariables())
                    .contains("order.total", "coupon", "coupon.code", "ignored", "price")
                    .doesNotContain("order.number", "items", "name", "each", "if");
        }

        @Test
        void outerValuesInsideLoopsNeedParentPathsAsInHandlebarsJs() {
            Rendering r = preview(
                    "{{#each items}}<i>{{name}}/{{../currency}}/{{@root.currency}}/{{@index}}</i>{{/each}}",
                    "{\"currency\": \"EUR\", \"items\": [{\"name\": \"a\"}]}");
            assertThat(r.html()).contains("<i>a/EUR/EUR/0</i>");
            assertThat(r.missingVariables()).isEmpty();
        }

        @Test
        void numbersPrintAsWrittenInTheData() {
            Rendering r = preview(
                    "<p>{{price}} {{qty}} {{big}} {{flag}}</p>",
                    "{\"price\": 12.50, \"qty\": 3, \"big\": 12345678901234567890, \"flag\": true}");
            assertThat(r.html()).contains("<p>12.50 3 12345678901234567890 true</p>");
        }

        @Test
        void nothingButDataIsReachable() {
            Rendering r = preview(
                    "<p>[{{name.class}}][{{name.bytes}}][{{items.length}}][{{items.[1]}}]</p>",
                    "{\"name\": \"x\", \"items\": [\"a\", \"b\"]}");
            assertThat(r.html()).contains("<p>[][][2][b]</p>");
        }
    }

    @Nested
    class Helpers {
        @Test
        void formatsDatesWithSendGridsTokens() {
            Rendering r = preview(
                    "<p>{{formatDate when \"MMMM D, YYYY\"}}|{{formatDate when \"DD/MM/YYYY HH:mm\" \"-0800\"}}"
                            + "|{{formatDate day}}|{{formatDate when \"dddd Do [at] h:mm A\" tz=\"Europe/Paris\"}}</p>",
                    "{\"when\": \"2026-03-14T09:30:00Z\", \"day\": \"2026-12-01\"}");
            assertThat(r.problems()).isEmpty();
            assertThat(r.html())
                    .contains("<p>March 14, 2026|14/03/2026 01:30|December 1, 2026|Saturday 14th at 10:30 AM</p>");
        }

        @Test
        void formatsMoneyByCurrencyAndLocale() {
            Rendering r = preview(
                    "<p>{{money total \"USD\"}}|{{money total \"EUR\" locale=\"de-DE\"}}|{{money cents \"GBP\" minor=true}}"
                            + "|{{money yen \"JPY\"}}</p>",
                    "{\"total\": 1234.5, \"cents\": 1999, \"yen\": 1500}");
            assertThat(r.problems()).isEmpty();
            assertThat(Jsoup.parse(r.html()).text().replace('\u00A0', ' '))
                    .isEqualTo("$1,234.50|1.234,50 €|£19.99|¥1,500");
        }

        @Test
        void sendGridComparisonHelpers() {
            Rendering r = preview(
                    "{{#equals plan \"pro\"}}P{{else}}F{{/equals}}{{#greaterThan seats 5}}G{{/greaterThan}}"
                            + "{{#and a b}}&{{else}}!&{{/and}}{{#or a b}}|{{/or}}{{length items}}{{insert nick \"default=friend\"}}",
                    "{\"plan\": \"pro\", \"seats\": 10, \"a\": true, \"b\": false, \"items\": [1, 2, 3]}");
            assertThat(r.problems()).isEmpty();
            assertThat(Jsoup.parse(r.html()).body().text()).isEqualTo("PG!&|3friend");
        }

        @Test
        void aBadValueForAHelperIsAProblemAtItsTag() {
            Rendering r = preview("<p>ok</p>\n<p>{{formatDate when}}</p>", "{\"when\": \"next tuesday\"}");
            assertThat(r.problems()).singleElement().satisfies(p -> {
                assertThat(p.part()).isEqualTo(RenderProblem.Part.HTML);
                assertThat(p.line()).isEqualTo(2);
                assertThat(p.column()).isGreaterThan(0);
                assertThat(p.message()).contains("formatDate needs a date").contains("next tuesday");
            });
        }

        @Test
        void anUnknownHelperIsAProblemNotABlankOutput() {
            Rendering r = preview("<p>{{shout name}}</p>", "{\"name\": \"x\"}");
            assertThat(r.problems()).singleElement().satisfies(p -> {
                assertThat(p.message()).contains("no helper named \"shout\"");
                assertThat(p.line()).isEqualTo(1);
            });
        }
    }

    @Nested
    class BadInput {
        @Test
        void aSyntaxErrorGivesLineAndColumnAndNoException() {
            Rendering r = preview("<p>one</p>\n<p>two</p>\n<p>{{#if x}}three</p>\n{{/each}}", "{}");
            assertThat(r.ok()).isFalse();
            RenderProblem p = r.problems().get(0);
            assertThat(p.part()).isEqualTo(RenderProblem.Part.HTML);
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.column()).as("the 'each' that does not close the 'if'").isEqualTo(4);
            assertThat(p.message())
                    .contains("Handlebars syntax error")
                    .contains("each")
                    .contains("if");
            assertThat(p.evidence()).contains("{{/each}}").contains("^");
            assertThat(r.html()).isEmpty();
            assertThat(r.subject()).isEqualTo("Subject");
        }

        @Test
        void anUnclosedTagIsPlaced() {
            Rendering r = preview("<p>\n  {{order.number</p>", "{}");
            assertThat(r.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(2);
                assertThat(p.column()).isGreaterThan(2);
            });
        }

        @Test
        void invalidJsonGivesLineAndColumn() {
            Rendering r = preview("<p>{{name}}</p>", "{\n  \"name\": \"Ana\",\n  \"age\": 30,,\n}");
            assertThat(r.problems()).singleElement().satisfies(p -> {
                assertThat(p.part()).isEqualTo(RenderProblem.Part.DATA);
                assertThat(p.line()).isEqualTo(3);
                assertThat(p.column()).isEqualTo(13);
                assertThat(p.message()).startsWith("The sample data is not valid JSON");
                assertThat(p.describe()).startsWith("Sample data, line 3, column 13: ");
            });
            assertThat(r.html()).contains("<p></p>");
            assertThat(r.missingVariables())
                    .as("not listed while the data cannot be read")
                    .isEmpty();
        }

        @Test
        void truncatedAndNonObjectJsonAreExplained() {
            assertThat(preview("x", "{\"a\": [1, 2").problems().get(0).message())
                    .contains("ends before every { and [ is closed");
            assertThat(preview("x", "[1, 2]").problems().get(0).message()).contains("must be a JSON object");
            assertThat(preview("x", "{\"a\": 1, \"a\": 2}").problems().get(0).message())
                    .contains("appears twice");
        }

        @Test
        void partialsAreRefusedWithAMessage() {
            Rendering r = preview("<p>{{> footer}}</p>", "{}");
            assertThat(r.problems())
                    .singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("Partials"));
        }

        @Test
        void aFiveMegabyteTemplateRendersWithoutPathologicalSlowness() {
            StringBuilder html = new StringBuilder("<html><head><style>"
                    + "td { padding: 4px; } .price { color: #333333; } #total { font-weight: bold; } p.note { margin: 0; }"
                    + "@media (max-width: 600px) { td { display: block; } }</style></head><body><table>");
            int row = 0;
            while (html.length() < 5 * 1024 * 1024) {
                html.append("<tr><td class=\"item\">{{items.")
                        .append(row % 3)
                        .append(".name}} row ")
                        .append(row)
                        .append(
                                "</td><td class=\"price\">{{money price \"USD\"}}</td><td><p class=\"note\">Lorem ipsum dolor sit amet,"
                                        + " consectetur adipiscing elit, sed do eiusmod tempor.</p></td></tr>\n");
                row++;
            }
            html.append("</table><p id=\"total\">{{money price \"USD\"}}</p></body></html>");
            String data = "{\"price\": 12.5, \"items\": [{\"name\": \"a\"}, {\"name\": \"b\"}, {\"name\": \"c\"}]}";

            Rendering r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    java.time.Duration.ofSeconds(60),
                    () -> preview(html.toString(), data),
                    "a hang guard, not a benchmark: this takes a few seconds");

            assertThat(r.problems()).isEmpty();
            assertThat(r.html())
                    .contains("<td class=\"price\" style=\"padding: 4px; color: #333333;\">$12.50</td>")
                    .contains("@media");
            assertThat(r.text()).contains("a row 0 $12.50");
        }
    }

    @Nested
    class Brand {
        @Test
        void brandValuesAreAvailableAndTheLogoIsADataUriInThePreview() {
            BrandKit kit = TemplateFixtures.acmeKit();
            Rendering r = render(
                    "{{brand.companyName}} news",
                    "<img src=\"{{brand.logo}}\" alt=\"{{brand.companyName}}\"><p style=\"color: {{brand.primaryColor}}\">"
                            + "{{brand.postalAddress}}</p><a href=\"{{brand.social.instagram}}\">IG</a>"
                            + "{{#each brand.socialLinks}}<a href=\"{{url}}\">{{label}}</a>{{/each}}"
                            + "<p>{{brand.secondaryColor}} {{brand.backgroundColor}} {{brand.textColor}} {{brand.fontStack}}</p>",
                    "{}",
                    Optional.of(kit),
                    RenderTarget.PREVIEW);
            assertThat(r.problems()).isEmpty();
            assertThat(r.missingVariables()).isEmpty();
            assertThat(r.subject()).isEqualTo("Acme Corp news");
            Document doc = Jsoup.parse(r.html());
            assertThat(doc.selectFirst("img").attr("src"))
                    .isEqualTo(kit.logo().orElseThrow().dataUri());
            assertThat(r.html())
                    .contains("color: #1A73E8")
                    .contains("1 Market Street, San Francisco, CA 94105")
                    .contains("href=\"https://instagram.com/acme\"")
                    .contains(">LinkedIn</a>");
            assertThat(r.inlineImages()).isEmpty();
        }

        @Test
        void whenSendingTheLogoIsAnInlineImageReferredToByCid() {
            BrandKit kit = TemplateFixtures.acmeKit();
            Rendering r = render("s", "<img src=\"{{brand.logo}}\">", "{}", Optional.of(kit), RenderTarget.SEND);
            assertThat(r.html()).contains("src=\"cid:brand-logo\"");
            assertThat(r.inlineImages()).singleElement().satisfies(i -> {
                assertThat(i.contentId()).isEqualTo("brand-logo");
                assertThat(i.mediaType()).isEqualTo("image/png");
                assertThat(i.bytes()).isEqualTo(kit.logo().orElseThrow().bytes());
            });
        }

        @Test
        void brandValuesTheKitLacksAreListedAsMissing() {
            BrandKit bare = new BrandKit(
                    Optional.empty(), "#000000", "#111111", "#FFFFFF", "#222222", "Arial", "Bare Co", "", List.of());
            Rendering r = render(
                    "s",
                    "<img src=\"{{brand.logo}}\"><p>{{brand.postalAddress}} {{brand.social.x}}</p>",
                    "{}",
                    Optional.of(bare),
                    RenderTarget.PREVIEW);
            assertThat(r.missingVariables()).containsExactly("brand.logo", "brand.postalAddress", "brand.social.x");
        }

        @Test
        void anSvgLogoWorksButWarnsAboutClientsThatDoNotShowIt() {
            BrandKit kit = TemplateFixtures.acmeKit().withLogo(Optional.of(Logo.of(TemplateFixtures.svg())));
            Rendering r = render("s", "<img src=\"{{brand.logo}}\">", "{}", Optional.of(kit), RenderTarget.PREVIEW);
            assertThat(r.html()).contains("data:image/svg+xml;base64,");
            assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("SVG"));
        }
    }
}
