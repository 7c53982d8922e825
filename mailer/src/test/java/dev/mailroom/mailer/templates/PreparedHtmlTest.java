package dev.mailroom.mailer.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mailroom.model.templates.BrandKit;
import dev.mailroom.model.templates.Logo;
import dev.mailroom.model.templates.RenderRequest;
import dev.mailroom.model.templates.RenderTarget;
import dev.mailroom.model.templates.Rendering;
import dev.mailroom.model.templates.SocialLink;
import dev.mailroom.model.templates.StarterTemplate;
import dev.mailroom.model.templates.TemplateContent;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The template prepared once ({@link PreparedHtml}) must give exactly what parsing, cleaning and inlining
 * each message gives: for every starter with varied data, and for templates built to defeat it (which
 * must fall back to the full path).
 */
class PreparedHtmlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A 1×1 PNG. */
    private static final byte[] PNG = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static final Map<String, UnaryOperator<JsonNode>> DATA = new java.util.LinkedHashMap<>();

    static {
        DATA.put("sample", d -> d);
        DATA.put("empty loops", d -> lists(d, 0));
        DATA.put("one item", d -> lists(d, 1));
        DATA.put("many items", d -> lists(d, 7));
        DATA.put("conditions on", d -> booleans(d, true));
        DATA.put("conditions off", d -> booleans(d, false));
        DATA.put("empty strings", d -> strings(d, s -> ""));
        DATA.put("no data", d -> JSON.createObjectNode());
        DATA.put("markup in values", d -> strings(d, s -> "<b>" + s + "</b> & \"co\""));
        DATA.put("entities and spaces", d -> strings(d, s -> "  " + s + " &amp; \u00A0x'=` "));
        DATA.put("schemes", d -> strings(d, s -> s.length() % 2 == 0 ? "javascript:alert(1)" : "J"));
        DATA.put("newlines", d -> strings(d, s -> s + "\n\tnext"));
    }

    static Stream<Arguments> startersAndData() {
        List<Arguments> out = new ArrayList<>();
        for (StarterTemplate s : new ClasspathStarterLibrary().all()) {
            for (String variant : DATA.keySet()) {
                for (boolean brand : new boolean[] {true, false}) {
                    out.add(Arguments.of(s.id(), variant, brand));
                }
            }
        }
        return out.stream();
    }

    private final HandlebarsTemplateRenderer renderer = new HandlebarsTemplateRenderer();

    @ParameterizedTest(name = "{0} / {1} / brand kit {2}")
    @MethodSource("startersAndData")
    void everyStarterRendersTheSameThroughThePreparedTemplate(String id, String variant, boolean brand)
            throws Exception {
        TemplateContent content =
                new ClasspathStarterLibrary().find(id).orElseThrow().toDraft().content();
        String data = JSON.writeValueAsString(DATA.get(variant).apply(JSON.readTree(content.sampleData())));
        assertSame(content, data, brand ? Optional.of(kit()) : Optional.empty());
    }

    /**
     * Two starters keep to the full path: their loops sit directly in a {@code <table>}, where the parser
     * adds a {@code <tbody>} only when the loop has rows, which one prepared document cannot say.
     */
    @Test
    void startersWithTheirSampleDataTakeThePreparedPath() throws Exception {
        List<String> full = new ArrayList<>();
        for (StarterTemplate s : new ClasspathStarterLibrary().all()) {
            TemplateContent content = s.toDraft().content();
            long before = renderer.fastRenders();
            assertSame(content, content.sampleData(), Optional.of(kit()));
            if (renderer.fastRenders() != before + 2) {
                full.add(s.id());
            }
        }
        assertThat(full).containsExactlyInAnyOrder("ecommerce/shipping-notification", "saas/welcome");
    }

    static Stream<Arguments> hostileTemplates() {
        String css = "<style>li { color: red; } .x p { margin: 0; } td { padding: 1px; } b { color: blue; }"
                + " li:first-child { font-weight: bold; } li + li { border-top: 1px solid; }"
                + " p:empty { display: none; } [data-k] { color: green; } a:hover { color: red; }</style>";
        String plainCss = "<style>li { color: red; } .x p { margin: 0; } td { padding: 1px; } b { color: blue; }"
                + " a:hover { color: red; } .{{cls}} { color: pink; }</style>";
        return Stream.of(
                Arguments.of("structural selectors", css + "<ul>{{#each items}}<li>{{name}}</li>{{/each}}</ul>"),
                Arguments.of(
                        "loop of list items",
                        plainCss + "<ul class=\"x\">{{#each items}}<li><p>{{name}}</p></li>{{/each}}</ul>"),
                Arguments.of(
                        "loop directly in a table (implied tbody)",
                        plainCss + "<table>{{#each items}}<tr><td>{{name}}</td></tr>{{/each}}</table>"),
                Arguments.of(
                        "loop inside a tbody",
                        plainCss
                                + "<table><tr><th>Name</th></tr>\n{{#each items}}<tr><td>{{name}}</td></tr>\n{{/each}}</table>"),
                Arguments.of("unclosed items", plainCss + "<ul>{{#each items}}<li>{{name}}{{/each}}</ul>"),
                Arguments.of(
                        "unclosed formatting element",
                        plainCss + "<div>{{#each items}}<p><b>{{name}}</p>{{/each}}</div><p>after</p>"),
                Arguments.of(
                        "condition around an opening tag",
                        plainCss + "{{#if flag}}<div class=\"x\">{{/if}}<p>{{name}}</p></div>"),
                Arguments.of("variable in class", plainCss + "<p class=\"{{cls}}\">{{name}}</p>"),
                Arguments.of("variable in style", plainCss + "<p style=\"color: {{cls}}\">{{name}}</p>"),
                Arguments.of(
                        "class from a loop item",
                        plainCss + "<div>{{#each items}}<p class=\"{{name}}\">x</p>{{/each}}</div>"),
                Arguments.of(
                        "@root style in a loop",
                        plainCss + "<div>{{#each items}}<p style=\"color: {{@root.cls}}\">{{name}}</p>{{/each}}</div>"),
                Arguments.of("unquoted attribute", plainCss + "<p title={{name}}>x</p>"),
                Arguments.of("url attribute", plainCss + "<p><a href=\"{{url}}\">{{name}}</a></p>"),
                Arguments.of(
                        "url attribute with prefix", plainCss + "<p><a href=\"https://x.example/{{url}}\">go</a></p>"),
                Arguments.of("triple-stash", plainCss + "<div>{{{raw}}}</div><p>{{name}}</p>"),
                Arguments.of("triple-stash in style", "<style>p { color: {{{cls}}}; }</style><p>{{name}}</p>"),
                Arguments.of("after a less-than", plainCss + "<p>a <{{name}}</p>"),
                Arguments.of("inside an entity", plainCss + "<p>&{{name}};</p>"),
                Arguments.of("in a pre", plainCss + "<pre>{{name}}</pre>"),
                Arguments.of(
                        "in a title",
                        "<html><head><title>{{name}}</title>" + plainCss + "</head><body>x</body></html>"),
                Arguments.of("script removed", plainCss + "<p>{{name}}</p><script>{{name}}</script>"),
                Arguments.of("block in an attribute", plainCss + "<p title=\"{{#if flag}}a{{/if}}\">x</p>"),
                Arguments.of("block between attributes", plainCss + "<p {{#if flag}}title=\"a\"{{/if}}>x</p>"),
                Arguments.of(
                        "helpers", plainCss + "<p>{{money total}} {{formatDate when \"YYYY\"}} {{length items}}</p>"),
                Arguments.of(
                        "nested loops and else",
                        plainCss
                                + "<div class=\"x\">{{#each items}}<p>{{name}}</p>{{#each tags}}<b>{{this}}</b>{{else}}<i>none</i>{{/each}}{{/each}}</div>"),
                Arguments.of("braces around", plainCss + "<p>{ {{name}} }</p>"),
                Arguments.of("comment tag", plainCss + "<p>{{! a note }}{{name}}{{!-- more }} --}}</p>"));
    }

    static Stream<Arguments> hostileTemplatesAndData() {
        List<String> data = List.of(
                "{\"items\":[{\"name\":\"A\",\"tags\":[\"t\"]},{\"name\":\"B\",\"tags\":[]}],\"flag\":true,"
                        + "\"cls\":\"x\",\"name\":\"N\",\"url\":\"https://a.example\",\"raw\":\"<p>r</p>\","
                        + "\"total\":3.5,\"when\":\"2026-01-02T00:00:00Z\"}",
                "{\"items\":[],\"flag\":false,\"cls\":\"\",\"name\":\"\",\"url\":\"javascript:alert(1)\"}",
                "{\"items\":[{\"name\":\"<i>x</i>\"}],\"name\":\"\\n\\nfirst\",\"url\":\" java script:x\"}",
                "{}");
        return hostileTemplates().flatMap(t -> data.stream().map(d -> Arguments.of(t.get()[0], t.get()[1], d)));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("hostileTemplatesAndData")
    void templatesMadeToBreakItRenderTheSame(String name, String html, String data) {
        TemplateContent content = new TemplateContent("S {{name}}", html, Optional.empty(), data, false);
        assertSame(content, data, Optional.empty());
    }

    private void assertSame(TemplateContent content, String data, Optional<BrandKit> brand) {
        RenderRequest request = new RenderRequest(content, data, brand, RenderTarget.SEND);
        Rendering full = renderer.render(request, false);
        Rendering fast = renderer.render(request, true);
        Rendering again = renderer.render(request, true);
        for (Rendering r : List.of(fast, again)) {
            assertThat(r.html()).isEqualTo(full.html());
            assertThat(r.text()).isEqualTo(full.text());
            assertThat(r.subject()).isEqualTo(full.subject());
            assertThat(r.problems()).isEqualTo(full.problems());
            assertThat(r.missingVariables()).isEqualTo(full.missingVariables());
            assertThat(r.warnings()).isEqualTo(full.warnings());
            assertThat(r.inlineImages().size()).isEqualTo(full.inlineImages().size());
        }
    }

    static BrandKit kit() {
        return new BrandKit(
                        Optional.of(Logo.of(PNG)),
                        "#1A73E8",
                        "#0B1F33",
                        "#F4F6F8",
                        "#1F2933",
                        "Helvetica, Arial, sans-serif",
                        "Acme & Sons",
                        "1 Market Street\nSan Francisco, CA 94105",
                        List.of(
                                new SocialLink("instagram", "https://instagram.com/acme"),
                                new SocialLink("x", "https://x.com/acme")))
                .validated();
    }

    private static JsonNode lists(JsonNode n, int size) {
        if (n instanceof ArrayNode a) {
            ArrayNode out = JSON.createArrayNode();
            for (int i = 0; i < size && a.size() > 0; i++) {
                out.add(lists(a.get(i % a.size()), size));
            }
            return out;
        }
        return map(n, c -> lists(c, size));
    }

    private static JsonNode booleans(JsonNode n, boolean value) {
        if (n.isBoolean()) {
            return BooleanNode.valueOf(value);
        }
        return n.isArray() ? mapArray(n, c -> booleans(c, value)) : map(n, c -> booleans(c, value));
    }

    private static JsonNode strings(JsonNode n, UnaryOperator<String> f) {
        if (n.isTextual()) {
            return TextNode.valueOf(f.apply(n.asText()));
        }
        return n.isArray() ? mapArray(n, c -> strings(c, f)) : map(n, c -> strings(c, f));
    }

    private static JsonNode mapArray(JsonNode n, UnaryOperator<JsonNode> f) {
        ArrayNode out = JSON.createArrayNode();
        n.forEach(c -> out.add(f.apply(c)));
        return out;
    }

    private static JsonNode map(JsonNode n, UnaryOperator<JsonNode> f) {
        if (!(n instanceof ObjectNode o)) {
            return n;
        }
        ObjectNode out = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.set(e.getKey(), f.apply(e.getValue()));
        }
        return out;
    }
}
