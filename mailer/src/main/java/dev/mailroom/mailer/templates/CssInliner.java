package dev.mailroom.mailer.templates;

import com.helger.css.decl.CSSDeclaration;
import com.helger.css.decl.CSSDeclarationList;
import com.helger.css.decl.CSSSelector;
import com.helger.css.decl.CSSSelectorAttribute;
import com.helger.css.decl.CSSSelectorMemberFunctionLike;
import com.helger.css.decl.CSSSelectorMemberNot;
import com.helger.css.decl.CSSSelectorMemberPseudoHas;
import com.helger.css.decl.CSSSelectorMemberPseudoIs;
import com.helger.css.decl.CSSSelectorMemberPseudoWhere;
import com.helger.css.decl.CSSSelectorSimpleMember;
import com.helger.css.decl.CSSStyleRule;
import com.helger.css.decl.CascadingStyleSheet;
import com.helger.css.decl.ECSSAttributeOperator;
import com.helger.css.decl.ECSSSelectorCombinator;
import com.helger.css.decl.ICSSSelectorMember;
import com.helger.css.decl.ICSSTopLevelRule;
import com.helger.css.reader.CSSReader;
import com.helger.css.reader.CSSReaderDeclarationList;
import com.helger.css.reader.CSSReaderSettings;
import com.helger.css.reader.errorhandler.CollectingCSSParseErrorHandler;
import com.helger.css.reader.errorhandler.DoNothingCSSInterpretErrorHandler;
import com.helger.css.writer.CSSWriter;
import com.helger.css.writer.CSSWriterSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * Moves {@code <style>} rules into {@code style} attributes, as email clients need. The CSS is read
 * with ph-css (a real CSS 3 parser); each selector is matched with jsoup's selector engine; the
 * cascade is honoured: a declaration wins by {@code !important}, then by the specificity of its
 * selector (a {@code style} attribute beats any selector), then by source order. What cannot live in
 * an attribute stays in one {@code <style>} block in the head: media queries, {@code @font-face},
 * {@code @import}, and rules with dynamic pseudo-classes ({@code :hover}) or pseudo-elements.
 *
 * <p>A style sheet is read once and kept by its text (a template sent to many recipients has the same
 * {@code <style>} in every message), with its selectors compiled. Matching goes through an index of the document's elements by id, class and tag, so a large
 * template with many rules costs about (rules × elements the rule could match), not rules × all
 * elements.
 */
final class CssInliner {
    /** Pseudo-classes jsoup evaluates the way browsers do; anything else keeps its rule in {@code <style>}. */
    private static final Set<String> STRUCTURAL = Set.of(
            ":first-child",
            ":last-child",
            ":only-child",
            ":first-of-type",
            ":last-of-type",
            ":only-of-type",
            ":empty",
            ":root");

    private static final Set<String> STRUCTURAL_FUNCTIONS =
            Set.of("nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type");
    private static final Set<String> LEGACY_PSEUDO_ELEMENTS =
            Set.of(":before", ":after", ":first-line", ":first-letter");
    private static final int INLINE_SPECIFICITY = 1 << 30;

    private CssInliner() {}

    /** Parsed style sheets by their text: read once per template (and brand kit), not once per message. */
    private static final int SHEET_CACHE_SIZE = 64;

    private static final int MAX_CACHED_CSS_CHARS = 256 * 1024;
    private static final Map<String, Sheet> SHEETS = lru(SHEET_CACHE_SIZE);
    private static final int MAX_CACHED_STYLE_CHARS = 4096;
    private static final Map<String, Optional<List<Decl>>> STYLE_ATTRIBUTES = lru(4096);

    private static <V> Map<String, V> lru(int max) {
        return new LinkedHashMap<>(2 * max, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    /** Inlines the document's style sheets in place; CSS it could not read is reported in {@code warnings}. */
    static void inline(Document doc, List<String> warnings) {
        Elements styleElements = doc.select("style");
        if (styleElements.isEmpty()) {
            return;
        }
        Index index = new Index(doc);
        List<Applied> applied = new ArrayList<>();
        StringBuilder kept = new StringBuilder();
        int order = 0;
        for (Element style : styleElements) {
            String media = style.attr("media").strip().toLowerCase(Locale.ROOT);
            if (!media.isEmpty() && !media.equals("all") && !media.equals("screen")) {
                continue; // a style element for print or a media query: leave it where it is
            }
            Sheet sheet = sheet(style.data());
            warnings.addAll(sheet.warnings());
            for (Rule rule : sheet.rules()) {
                for (Sel sel : rule.selectors()) {
                    List<Element> candidates = index.candidates(sel);
                    if (candidates.isEmpty()) {
                        continue;
                    }
                    Evaluator evaluator = sel.shared() != null ? sel.shared() : QueryParser.parse(sel.query());
                    for (Element element : candidates) {
                        if (evaluator.matches(index.root, element)) {
                            int i = 0;
                            for (Decl d : rule.declarations()) {
                                applied.add(new Applied(
                                        element,
                                        d.property(),
                                        d.value(),
                                        d.important(),
                                        sel.specificity(),
                                        order + rule.order() + i++));
                            }
                        }
                    }
                }
            }
            order += sheet.declarations();
            if (!sheet.keptCss().isEmpty()) {
                kept.append(kept.length() == 0 ? "" : "\n").append(sheet.keptCss());
            }
            style.remove();
        }
        apply(applied, warnings);
        if (kept.length() > 0) {
            doc.head()
                    .appendElement("style")
                    .attr("type", "text/css")
                    .appendChild(new org.jsoup.nodes.DataNode(kept.toString()));
        }
    }

    /**
     * Whether every selector of the style sheet that is inlined matches by an element's own tag, id and
     * classes and those of its ancestors only: no structural pseudo-class ({@code :first-child},
     * {@code :nth-child}, {@code :empty} …), sibling combinator, attribute selector or {@code :not()}. Then
     * an element gets the same style wherever a loop repeats it (see {@link PreparedHtml}).
     */
    static boolean dependsOnAncestryOnly(String css) {
        for (Rule rule : sheet(css).rules()) {
            for (Sel sel : rule.selectors()) {
                if (!sel.ancestry()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * A style sheet ready to match against any document: its inlinable selectors compiled, with their
     * specificity and where to look for candidates; what stays in {@code <style>} already written out.
     */
    private record Sheet(List<Rule> rules, int declarations, String keptCss, List<String> warnings) {}

    /** {@code order}: the position of the rule's first declaration in the sheet (the cascade's source order). */
    private record Rule(List<Sel> selectors, List<Decl> declarations, int order) {}

    /**
     * {@code shared}: the compiled selector when it can serve every document; null for selectors with
     * combinators or {@code :not()}, whose jsoup evaluators remember results per document root (and
     * would keep every document alive), so they are compiled from {@code query} per document.
     */
    private record Sel(
            Evaluator shared, String query, int specificity, String id, String cls, String tag, boolean ancestry) {}

    record Decl(String property, String value, boolean important) {}

    private static Sheet sheet(String css) {
        synchronized (SHEETS) {
            Sheet cached = SHEETS.get(css);
            if (cached != null) {
                return cached;
            }
        }
        Sheet sheet = read(css);
        if (css.length() <= MAX_CACHED_CSS_CHARS) {
            synchronized (SHEETS) {
                SHEETS.put(css, sheet);
            }
        }
        return sheet;
    }

    private static Sheet read(String css) {
        List<String> warnings = new ArrayList<>();
        CascadingStyleSheet parsed = parse(css, warnings);
        List<Rule> rules = new ArrayList<>();
        CascadingStyleSheet kept = new CascadingStyleSheet();
        int order = 0;
        if (parsed != null) {
            for (ICSSTopLevelRule rule : parsed.getAllRules()) {
                if (rule instanceof CSSStyleRule styleRule) {
                    Rule r = read(styleRule, kept, order);
                    if (!r.selectors().isEmpty()) {
                        rules.add(r);
                    }
                    order += r.declarations().size();
                } else {
                    kept.addRule(rule);
                }
            }
        }
        String keptCss = kept.hasRules()
                ? new CSSWriter(new CSSWriterSettings(false))
                        .setWriteHeaderText(false)
                        .getCSSAsString(kept)
                : "";
        return new Sheet(List.copyOf(rules), order, keptCss, List.copyOf(warnings));
    }

    private static Rule read(CSSStyleRule rule, CascadingStyleSheet kept, int order) {
        CSSStyleRule keptRule = null;
        List<CSSDeclaration> declarations = rule.getAllDeclarations();
        List<Sel> selectors = new ArrayList<>();
        for (CSSSelector selector : rule.getAllSelectors()) {
            String query = selector.getAsCSSString(new CSSWriterSettings(false), 0);
            Evaluator evaluator = inlinable(selector) ? compile(query) : null;
            if (evaluator == null) {
                if (keptRule == null) {
                    keptRule = new CSSStyleRule();
                    for (CSSDeclaration d : declarations) {
                        keptRule.addDeclaration(d);
                    }
                    kept.addRule(keptRule);
                }
                keptRule.addSelector(selector);
                continue;
            }
            selectors.add(selector(selector, query, evaluator));
        }
        List<Decl> decls = new ArrayList<>(declarations.size());
        for (CSSDeclaration d : declarations) {
            decls.add(
                    new Decl(d.getProperty().toLowerCase(Locale.ROOT), d.getExpressionAsCSSString(), d.isImportant()));
        }
        return new Rule(List.copyOf(selectors), List.copyOf(decls), order);
    }

    /** The selector's last compound decides where to look: its id, else a class, else its tag, else everywhere. */
    private static Sel selector(CSSSelector selector, String query, Evaluator evaluator) {
        List<ICSSSelectorMember> members = selector.getAllMembers();
        boolean remembers = members.stream()
                .anyMatch(m -> m instanceof ECSSSelectorCombinator || m instanceof CSSSelectorMemberNot);
        String id = null;
        String cls = null;
        String tag = null;
        for (int i = members.size() - 1; i >= 0; i--) {
            ICSSSelectorMember m = members.get(i);
            if (m instanceof ECSSSelectorCombinator) {
                break;
            }
            if (m instanceof CSSSelectorSimpleMember s) {
                if (s.isHash()) {
                    id = s.getValue().substring(1);
                } else if (s.isClass()) {
                    cls = s.getValue().substring(1).toLowerCase(Locale.ROOT);
                } else if (s.isElementName() && !s.getValue().equals("*")) {
                    tag = s.getValue().toLowerCase(Locale.ROOT);
                }
            }
        }
        boolean ancestry = members.stream()
                .allMatch(m -> m == ECSSSelectorCombinator.BLANK
                        || m == ECSSSelectorCombinator.GREATER
                        || (m instanceof CSSSelectorSimpleMember s && !s.isPseudo()));
        return new Sel(remembers ? null : evaluator, query, specificity(selector), id, cls, tag, ancestry);
    }

    private static CascadingStyleSheet parse(String css, List<String> warnings) {
        CollectingCSSParseErrorHandler errors = new CollectingCSSParseErrorHandler();
        CSSReaderSettings settings = new CSSReaderSettings()
                .setBrowserCompliantMode(true)
                .setCustomErrorHandler(errors)
                .setInterpretErrorHandler(new DoNothingCSSInterpretErrorHandler())
                .setCustomExceptionHandler(e -> {});
        CascadingStyleSheet sheet = CSSReader.readFromStringReader(css, settings);
        if (errors.hasParseErrors()) {
            int n = errors.getParseErrorCount();
            warnings.add(
                    "CSS: " + n + (n == 1 ? " rule was" : " rules were") + " skipped because they could not be read ("
                            + firstLine(errors.getAllParseErrors().get(0).getErrorMessage()) + ").");
        }
        if (sheet == null) {
            warnings.add("CSS: a <style> block could not be read at all and was left out.");
        }
        return sheet;
    }

    private static Evaluator compile(String query) {
        try {
            return QueryParser.parse(query);
        } catch (Selector.SelectorParseException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void apply(List<Applied> applied, List<String> warnings) {
        Map<Element, List<Applied>> byElement = new IdentityHashMap<>();
        for (Applied a : applied) {
            byElement.computeIfAbsent(a.element(), e -> new ArrayList<>()).add(a);
        }
        for (Map.Entry<Element, List<Applied>> entry : byElement.entrySet()) {
            Element element = entry.getKey();
            List<Applied> all = new ArrayList<>(entry.getValue());
            all.addAll(inlineDeclarations(element, warnings));
            Map<String, Applied> winners = new HashMap<>();
            for (Applied a : all) {
                winners.merge(a.property(), a, (x, y) -> PRECEDENCE.compare(x, y) >= 0 ? x : y);
            }
            List<Applied> ordered = new ArrayList<>(winners.values());
            ordered.sort(PRECEDENCE);
            StringBuilder style = new StringBuilder();
            for (Applied a : ordered) {
                if (style.length() > 0) {
                    style.append(' ');
                }
                style.append(a.property()).append(": ").append(a.value()).append(a.important() ? " !important;" : ";");
            }
            element.attr("style", style.toString());
        }
    }

    /** The element's own style attribute, as declarations that beat any selector. */
    static List<Applied> inlineDeclarations(Element element, List<String> warnings) {
        String style = element.attr("style");
        if (style.isBlank()) {
            return List.of();
        }
        Optional<List<Decl>> list = styleAttribute(style);
        if (list.isEmpty()) {
            warnings.add("CSS: the style attribute \"" + abbreviate(style) + "\" could not be read and was replaced.");
            return List.of();
        }
        List<Applied> result = new ArrayList<>();
        int order = 0;
        for (Decl d : list.get()) {
            result.add(new Applied(
                    element,
                    d.property(),
                    d.value(),
                    d.important(),
                    INLINE_SPECIFICITY,
                    Integer.MAX_VALUE / 2 + order++));
        }
        return result;
    }

    /**
     * A style attribute's declarations (property in lower case), or empty when it cannot be read. Kept by
     * the attribute's text: the same template sent to many recipients has the same attributes.
     */
    static Optional<List<Decl>> styleAttribute(String style) {
        synchronized (STYLE_ATTRIBUTES) {
            Optional<List<Decl>> cached = STYLE_ATTRIBUTES.get(style);
            if (cached != null) {
                return cached;
            }
        }
        CSSDeclarationList list = readDeclarations(style);
        Optional<List<Decl>> read = list == null
                ? Optional.empty()
                : Optional.of(list.getAllDeclarations().stream()
                        .map(d -> new Decl(
                                d.getProperty().toLowerCase(Locale.ROOT),
                                d.getExpressionAsCSSString(),
                                d.isImportant()))
                        .toList());
        if (style.length() <= MAX_CACHED_STYLE_CHARS) {
            synchronized (STYLE_ATTRIBUTES) {
                STYLE_ATTRIBUTES.put(style, read);
            }
        }
        return read;
    }

    static CSSDeclarationList readDeclarations(String style) {
        CSSReaderSettings settings = new CSSReaderSettings()
                .setBrowserCompliantMode(true)
                .setCustomErrorHandler(new CollectingCSSParseErrorHandler())
                .setInterpretErrorHandler(new DoNothingCSSInterpretErrorHandler())
                .setCustomExceptionHandler(e -> {});
        return CSSReaderDeclarationList.readFromString(style, settings);
    }

    /** Lowest first: important last, then higher specificity, then later in the source. */
    private static final Comparator<Applied> PRECEDENCE = Comparator.comparing(Applied::important)
            .thenComparingInt(Applied::specificity)
            .thenComparingInt(Applied::order);

    record Applied(Element element, String property, String value, boolean important, int specificity, int order) {}

    // --- selectors -------------------------------------------------------------------------------

    static boolean inlinable(CSSSelector selector) {
        for (ICSSSelectorMember m : selector.getAllMembers()) {
            if (!inlinable(m)) {
                return false;
            }
        }
        return true;
    }

    private static boolean inlinable(ICSSSelectorMember m) {
        if (m instanceof ECSSSelectorCombinator) {
            return true;
        }
        if (m instanceof CSSSelectorSimpleMember s) {
            if (s.isPseudo()) {
                String v = s.getValue().toLowerCase(Locale.ROOT);
                int paren = v.indexOf('(');
                return STRUCTURAL.contains(v) || (paren > 1 && STRUCTURAL_FUNCTIONS.contains(v.substring(1, paren)));
            }
            return !s.getValue().contains("|"); // namespaces: leave to the client
        }
        if (m instanceof CSSSelectorAttribute a) {
            return a.getNamespacePrefix() == null
                    && a.getCaseSensitivityFlag() == null
                    && a.getOperator() != ECSSAttributeOperator.INCLUDES
                    && a.getOperator() != ECSSAttributeOperator.DASHMATCH;
        }
        if (m instanceof CSSSelectorMemberNot not) {
            return not.getAllSelectors().stream().allMatch(CssInliner::inlinable);
        }
        if (m instanceof CSSSelectorMemberFunctionLike f) {
            return STRUCTURAL_FUNCTIONS.contains(
                    f.getFunctionName().replace(":", "").replace("(", "").toLowerCase(Locale.ROOT));
        }
        return false; // :is(), :where(), :has(), :host and the like
    }

    /** CSS specificity packed as a*2^20 + b*2^10 + c (ids, classes/attributes/pseudo-classes, elements). */
    static int specificity(CSSSelector selector) {
        int a = 0;
        int b = 0;
        int c = 0;
        for (ICSSSelectorMember m : selector.getAllMembers()) {
            if (m instanceof CSSSelectorSimpleMember s) {
                String v = s.getValue();
                if (s.isHash()) {
                    a++;
                } else if (s.isClass()) {
                    b++;
                } else if (s.isPseudo()) {
                    if (v.startsWith("::") || LEGACY_PSEUDO_ELEMENTS.contains(v.toLowerCase(Locale.ROOT))) {
                        c++;
                    } else {
                        b++;
                    }
                } else if (s.isElementName() && !v.equals("*") && !v.endsWith("|*")) {
                    c++;
                }
            } else if (m instanceof CSSSelectorAttribute || m instanceof CSSSelectorMemberFunctionLike) {
                b++;
            } else if (m instanceof CSSSelectorMemberNot not) {
                int max = 0;
                for (CSSSelector inner : not.getAllSelectors()) {
                    max = Math.max(max, specificity(inner));
                }
                return pack(a, b, c) + max + restAfter(selector, m);
            } else if (m instanceof CSSSelectorMemberPseudoIs || m instanceof CSSSelectorMemberPseudoHas) {
                b++; // only used to order rules we do not inline
            } else if (m instanceof CSSSelectorMemberPseudoWhere) {
                // zero specificity by definition
            }
        }
        return pack(a, b, c);
    }

    /** Specificity of the members after {@code from}, for selectors with :not() in the middle. */
    private static int restAfter(CSSSelector selector, ICSSSelectorMember from) {
        List<ICSSSelectorMember> members = selector.getAllMembers();
        int at = members.indexOf(from);
        CSSSelector rest = new CSSSelector();
        for (int i = at + 1; i < members.size(); i++) {
            rest.addMember(members.get(i));
        }
        return rest.hasMembers() ? specificity(rest) : 0;
    }

    private static int pack(int a, int b, int c) {
        return (Math.min(a, 1023) << 20) + (Math.min(b, 1023) << 10) + Math.min(c, 1023);
    }

    private static String firstLine(String s) {
        return s == null ? "unknown error" : s.lines().findFirst().orElse(s).strip();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** The document's elements by id, class and tag name, built once per inlining. */
    private static final class Index {
        final Element root;
        final List<Element> all;
        final Map<String, List<Element>> byId = new HashMap<>();
        final Map<String, List<Element>> byClass = new HashMap<>();
        final Map<String, List<Element>> byTag = new HashMap<>();

        Index(Document doc) {
            this.root = doc;
            this.all = doc.getAllElements();
            for (Element e : all) {
                byTag.computeIfAbsent(e.normalName(), k -> new ArrayList<>()).add(e);
                String id = e.id();
                if (!id.isEmpty()) {
                    byId.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
                }
                if (e.hasAttr("class")) {
                    for (String cls : e.classNames()) {
                        byClass.computeIfAbsent(cls.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                                .add(e);
                    }
                }
            }
        }

        /** The elements the selector's last compound could match. */
        List<Element> candidates(Sel sel) {
            if (sel.id() != null) {
                return byId.getOrDefault(sel.id(), List.of());
            }
            if (sel.cls() != null) {
                return byClass.getOrDefault(sel.cls(), List.of());
            }
            if (sel.tag() != null) {
                return byTag.getOrDefault(sel.tag(), List.of());
            }
            return all;
        }
    }
}
