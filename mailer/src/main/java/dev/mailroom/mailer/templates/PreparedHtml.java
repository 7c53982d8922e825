package dev.mailroom.mailer.templates;

import com.github.jknack.handlebars.EscapingStrategy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;

/**
 * The once-per-template half of rendering: a template's own markup parsed, cleaned up and its CSS inlined
 * with the Handlebars expressions kept, written back out as a new Handlebars template whose output is
 * the finished HTML. Per message only Handlebars runs (plus the template's {@code <style>} blocks, which
 * may use variables such as brand colours: their rendered text is part of the key, so one prepared
 * template serves every message with the same style sheet).
 *
 * <p>How a template is prepared: every Handlebars tag outside {@code <style>} is replaced by a marker (a
 * variable by a private-use-character marker in text or an attribute value, a block tag
 * ({@code {{#each}}}, {@code {{else}}}, {@code {{/if}}}) or comment by an HTML comment holding a marker,
 * which the HTML parser keeps in place in every insertion mode, tables included); the result is parsed,
 * cleaned and inlined like any message, and written out with the markers turned back into the tags.
 *
 * <p>That is only the same as parsing each message when nothing the data brings can change the parse or
 * the cascade. {@link #prepare} returns empty (and the renderer takes the full per-message path) unless
 * all of these hold; each is there because a case breaks without it:
 *
 * <ul>
 *   <li>no triple-stash, {@code {{&}}}, partials, whitespace control or escaped mustaches outside
 *       {@code <style>}, and variables only as paths or helpers that return plain text (a helper or value
 *       that emits markup changes the document's structure);
 *   <li>each variable sits in a text node of an ordinary element (not a table part where text is moved
 *       out of the table, not {@code <pre>}/{@code <textarea>} whose leading newline is dropped, not
 *       script or style) or in a quoted attribute value that is not {@code style}, {@code class},
 *       {@code id} or an event handler; not right after {@code <} or inside an unfinished
 *       {@code &entity};
 *   <li>the markers of one block ({@code #each … else … /each}) are siblings, so a loop repeats whole
 *       elements of one parent; and parsing the template with every block repeated twice, and with every
 *       block left out, gives the same documents as repeating or removing those siblings (the parser
 *       would otherwise carry state from one iteration to the next: open formatting elements, implied
 *       {@code <tbody>}, unclosed {@code <p>} or {@code <li>});
 *   <li>every inlined selector depends on an element's own tag, id and classes and its ancestors only
 *       (no {@code :first-child}, {@code :nth-child}, {@code :empty}, sibling combinators, attribute
 *       selectors or {@code :not()}): then an element repeated by a loop gets the same style in every
 *       copy, and the other branch of an {@code {{#if}}} being present changes nothing;
 *   <li>clean-up and inlining raised no warning (their counts would depend on the number of loop
 *       iterations) and the written template has no stray {@code {{}.
 * </ul>
 *
 * <p>Per message, {@link #ESCAPING} writes values the way jsoup writes the text it parsed, and marks the
 * message for the full path when a value holds what the two paths could treat differently ({@code <},
 * {@code >}, {@code "}, control characters, lone surrogates, or the start of a {@code javascript:},
 * {@code vbscript:} or {@code data:} address that clean-up would have removed). The one value that
 * bypasses escaping is the brand kit's logo source ({@code cid:} or a base64 {@code data:image/} URI),
 * whose characters need none.
 */
final class PreparedHtml {
    static final char OPEN = '\uE000';
    static final char CLOSE = '\uE001';

    private static final Set<String> TEXT_PARENTS_REFUSED = Set.of(
            "html",
            "head",
            "table",
            "tbody",
            "thead",
            "tfoot",
            "tr",
            "colgroup",
            "select",
            "frameset",
            "pre",
            "textarea",
            "listing",
            "plaintext",
            "script",
            "style",
            "noscript",
            "template",
            "xmp",
            "iframe",
            "noembed",
            "noframes");
    private static final Set<String> ATTRIBUTES_REFUSED = Set.of("style", "class", "id", "srcdoc", "formaction");
    private static final Set<String> URL_ATTRIBUTES = Set.of(
            "href", "src", "action", "formaction", "background", "poster", "xlink:href", "lowsrc", "dynsrc", "data");
    private static final List<String> DANGEROUS = List.of("javascript:", "vbscript:", "data:");
    /** Helpers whose output is plain text (escaped like a value). */
    private static final Set<String> TEXT_HELPERS = Set.of("formatDate", "money", "insert", "length");

    private static final ThreadLocal<boolean[]> UNSAFE = ThreadLocal.withInitial(() -> new boolean[1]);

    private PreparedHtml() {}

    enum Kind {
        VAR,
        OPEN,
        ELSE,
        CLOSE,
        COMMENT
    }

    record Tag(int start, int end, Kind kind, String text) {}

    /**
     * A template source cut into its {@code <style>} blocks (rendered per message) and the rest, whose tags
     * become markers. {@code styles}: the source of each style block's content, in order.
     */
    record Plan(String source, List<Tag> tags, List<int[]> styleRegions, List<String> styles) {}

    private static final Set<String> KEY_ATTRIBUTES = Set.of("style", "class", "id");

    /**
     * The name of the attribute whose quoted value holds {@code at} in the source, or "" when {@code at} is
     * not inside a start tag's quoted value (Handlebars tags before it in the start tag are skipped whole).
     */
    static String attributeAt(String s, int at) {
        int lt = s.lastIndexOf('<', at);
        if (lt < 0 || lt + 1 >= s.length() || !Character.isLetter(s.charAt(lt + 1))) {
            return "";
        }
        int i = lt + 1;
        while (i < at && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '>') {
            i++;
        }
        while (i < at) {
            char c = s.charAt(i);
            if (c == '>') {
                return "";
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int nameStart = i;
            while (i < at && !Character.isWhitespace(s.charAt(i)) && "=>\"'".indexOf(s.charAt(i)) < 0) {
                if (s.startsWith("{{", i)) {
                    return "";
                }
                i++;
            }
            String name = s.substring(nameStart, i).toLowerCase(Locale.ROOT);
            while (i < at && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= at || s.charAt(i) != '=') {
                continue;
            }
            i++;
            while (i < at && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= at) {
                return "";
            }
            char q = s.charAt(i);
            if (q != '"' && q != '\'') {
                return ""; // unquoted
            }
            i++;
            while (i < s.length() && s.charAt(i) != q) {
                if (i == at) {
                    return name;
                }
                if (s.startsWith("{{", i)) {
                    int e = s.indexOf("}}", i);
                    if (e < 0) {
                        return "";
                    }
                    if (at >= i && at < e + 2) {
                        return at == i ? name : "";
                    }
                    i = e + 2;
                } else {
                    i++;
                }
            }
            i++;
        }
        return "";
    }

    /** The plan for a template, or empty when its shape rules the prepared path out at once. */
    static Optional<Plan> plan(String source, Predicate<String> isHelper) {
        if (source.indexOf(OPEN) >= 0 || source.indexOf(CLOSE) >= 0 || source.contains("\\{{")) {
            return Optional.empty();
        }
        List<int[]> regions = styleRegions(source);
        if (regions == null) {
            return Optional.empty();
        }
        List<Tag> tags = new ArrayList<>();
        Deque<Tag> open = new ArrayDeque<>();
        int i = 0;
        int region = 0;
        List<int[]> keyTags = new ArrayList<>();
        while (true) {
            int j = source.indexOf("{{", i);
            if (j < 0) {
                break;
            }
            while (region < regions.size() && regions.get(region)[1] <= j) {
                region++;
            }
            boolean inStyle = region < regions.size() && regions.get(region)[0] <= j;
            int end;
            if (source.startsWith("{{!--", j)) {
                int e = source.indexOf("--}}", j + 5);
                if (e < 0) {
                    return Optional.empty();
                }
                end = e + 4;
            } else if (source.startsWith("{{{", j)) {
                if (!inStyle) {
                    return Optional.empty(); // triple-stash: the value is markup
                }
                int e = source.indexOf("}}}", j + 3);
                if (e < 0) {
                    return Optional.empty();
                }
                end = e + 3;
            } else {
                int e = source.indexOf("}}", j + 2);
                if (e < 0) {
                    return Optional.empty();
                }
                end = e + 2;
            }
            if (inStyle) {
                if (end > regions.get(region)[1]) {
                    return Optional.empty();
                }
                i = end;
                continue;
            }
            String text = source.substring(j, end);
            Kind kind = kind(text, isHelper);
            if (kind == null) {
                return Optional.empty();
            }
            if (kind == Kind.VAR && KEY_ATTRIBUTES.contains(attributeAt(source, j))) {
                // A value in a style, class or id attribute decides the cascade: rendered per message and
                // part of the key, like a style block; inside a block only as an @root path (the same
                // value in every iteration).
                String inner = text.substring(2, text.length() - 2).strip();
                if (!open.isEmpty() && !(inner.startsWith("@root.") && inner.matches("[@\\w.\\-]+"))) {
                    return Optional.empty();
                }
                keyTags.add(new int[] {j, end});
                i = end;
                continue;
            }
            Tag tag = new Tag(j, end, kind, text);
            if (kind == Kind.VAR && !plainTextPosition(source, j)) {
                return Optional.empty();
            }
            if (kind == Kind.OPEN) {
                open.push(tag);
            } else if (kind == Kind.CLOSE) {
                if (open.isEmpty()) {
                    return Optional.empty();
                }
                open.pop();
            } else if (kind == Kind.ELSE && open.isEmpty()) {
                return Optional.empty();
            }
            tags.add(tag);
            i = end;
        }
        if (!open.isEmpty()) {
            return Optional.empty();
        }
        // Style blocks must be outside every block (rendered once per message on their own) and
        // balanced within themselves.
        for (int[] r : regions) {
            if (!balanced(source.substring(r[0], r[1]))) {
                return Optional.empty();
            }
        }
        List<int[]> keys = new ArrayList<>(regions);
        keys.addAll(keyTags);
        keys.sort(java.util.Comparator.comparingInt(r -> r[0]));
        List<String> styles =
                keys.stream().map(r -> source.substring(r[0], r[1])).toList();
        return Optional.of(new Plan(source, List.copyOf(tags), List.copyOf(keys), styles));
    }

    private static boolean balanced(String css) {
        int depth = 0;
        int i = 0;
        while ((i = css.indexOf("{{", i)) >= 0) {
            char c = i + 2 < css.length() ? css.charAt(i + 2) : ' ';
            if (c == '#' || (c == '^' && !css.startsWith("{{^}}", i))) {
                depth++;
            } else if (c == '/') {
                depth--;
            }
            if (depth < 0) {
                return false;
            }
            i += 2;
        }
        return depth == 0;
    }

    private static Kind kind(String tag, Predicate<String> isHelper) {
        if (tag.startsWith("{{!")) {
            return Kind.COMMENT;
        }
        String inner = tag.substring(2, tag.length() - 2);
        if (inner.isEmpty()
                || inner.contains("{{")
                || inner.startsWith("~")
                || inner.endsWith("~")
                || inner.startsWith("&")
                || inner.startsWith(">")
                || inner.startsWith("{")) {
            return null;
        }
        String s = inner.strip();
        char c = inner.charAt(0);
        if (c == '#') {
            return s.startsWith("#>") || s.startsWith("#*") ? null : Kind.OPEN;
        }
        if (c == '^') {
            return s.equals("^") ? Kind.ELSE : Kind.OPEN;
        }
        if (c == '/') {
            return Kind.CLOSE;
        }
        if (s.equals("else") || s.startsWith("else ")) {
            return Kind.ELSE;
        }
        if (Character.isWhitespace(c) || c == '*' || c == '(' || c == '=') {
            return null;
        }
        String first = s.split("\\s+", 2)[0];
        if (isHelper.test(first) && !TEXT_HELPERS.contains(first)) {
            return null; // a built-in helper (embedded, precompile, …) may return markup
        }
        return Kind.VAR;
    }

    /** Not right after {@code <} or {@code </} (the value would become a tag) nor inside an {@code &entity}. */
    private static boolean plainTextPosition(String s, int at) {
        if (at > 0 && s.charAt(at - 1) == '<') {
            return false;
        }
        if (at > 1 && s.charAt(at - 1) == '/' && s.charAt(at - 2) == '<') {
            return false;
        }
        int k = at - 1;
        while (k >= 0 && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '#')) {
            k--;
        }
        return k < 0 || s.charAt(k) != '&';
    }

    /** The content ranges of the source's {@code <style>} elements, or null when they cannot be told apart. */
    private static List<int[]> styleRegions(String s) {
        List<int[]> regions = new ArrayList<>();
        String lower = s.toLowerCase(Locale.ROOT);
        int i = 0;
        while ((i = lower.indexOf("<style", i)) >= 0) {
            int after = i + 6;
            if (after >= s.length()) {
                return null;
            }
            char c = s.charAt(after);
            if (!(c == '>' || Character.isWhitespace(c) || c == '/')) {
                i = after;
                continue;
            }
            int gt = s.indexOf('>', after);
            if (gt < 0 || s.substring(i, gt).contains("{{")) {
                return null;
            }
            int close = lower.indexOf("</style", gt + 1);
            if (close < 0) {
                return null;
            }
            regions.add(new int[] {gt + 1, close});
            i = close + 7;
        }
        return regions;
    }

    /**
     * The prepared template for a plan and its style blocks as this message rendered them, as Handlebars
     * source for {@link #ESCAPING}; empty when it cannot be shown to equal the per-message path.
     */
    static Optional<String> prepare(Plan plan, List<String> renderedStyles) {
        try {
            return Optional.ofNullable(prepareOrNull(plan, renderedStyles));
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    private static String prepareOrNull(Plan plan, List<String> renderedStyles) {
        String source = plan.source();
        List<Tag> tags = plan.tags();
        // The skeleton: style blocks as this message has them, tags as markers.
        List<String> pieces = new ArrayList<>();
        List<Integer> pieceTag = new ArrayList<>();
        int at = 0;
        int tag = 0;
        int region = 0;
        while (at < source.length()) {
            int nextTag = tag < tags.size() ? tags.get(tag).start() : Integer.MAX_VALUE;
            int nextRegion =
                    region < plan.styleRegions().size() ? plan.styleRegions().get(region)[0] : Integer.MAX_VALUE;
            int next = Math.min(nextTag, Math.min(nextRegion, source.length()));
            if (next > at) {
                pieces.add(source.substring(at, next));
                pieceTag.add(-1);
                at = next;
                continue;
            }
            if (next == nextRegion) {
                pieces.add(renderedStyles.get(region));
                pieceTag.add(-1);
                at = plan.styleRegions().get(region)[1];
                region++;
            } else if (next == nextTag) {
                Tag t = tags.get(tag);
                pieces.add(marker(tag, t.kind()));
                pieceTag.add(tag);
                at = t.end();
                tag++;
            }
        }
        for (String css : renderedStyles) {
            if (css.indexOf(OPEN) >= 0 || css.indexOf(CLOSE) >= 0) {
                return null;
            }
        }
        int[] pieceOf = new int[tags.size()];
        for (int p = 0; p < pieceTag.size(); p++) {
            if (pieceTag.get(p) >= 0) {
                pieceOf[pieceTag.get(p)] = p;
            }
        }
        int[] closeOf = matchBlocks(tags);
        String skeleton = String.join("", pieces);
        Document doc = parse(skeleton);

        Map<Integer, Comment> markers = new HashMap<>();
        List<Integer> seen = new ArrayList<>();
        if (!collect(doc, tags, markers, seen, skeleton)) {
            return null;
        }
        for (int k = 0; k < tags.size(); k++) {
            if (seen.size() != tags.size() || seen.get(k) != k) {
                return null;
            }
        }
        if (!siblings(tags, closeOf, markers)) {
            return null;
        }
        // The parser keeps no state across a block: twice and not at all parse as repeated or removed siblings.
        for (boolean twice : new boolean[] {true, false}) {
            String text = expand(pieces, pieceTag, pieceOf, closeOf, 0, pieces.size(), twice);
            Document expected = parse(skeleton);
            expandDom(expected, tags, closeOf, twice);
            if (!parse(text).outerHtml().equals(expected.outerHtml())) {
                return null;
            }
        }
        for (Element style : doc.select("style")) {
            if (!CssInliner.dependsOnAncestryOnly(style.data())) {
                return null;
            }
        }
        List<String> warnings = new ArrayList<>();
        EmailHtml.removeActiveContent(doc, warnings);
        CssInliner.inline(doc, warnings);
        if (!warnings.isEmpty()) {
            return null;
        }
        return write(doc.outerHtml(), tags);
    }

    private static String marker(int index, Kind kind) {
        String m = OPEN + Integer.toString(index) + CLOSE;
        return kind == Kind.VAR ? m : "<!--" + m + "-->";
    }

    static Document parse(String html) {
        Document doc = Jsoup.parse(html, "", Parser.htmlParser().setTrackErrors(0));
        doc.outputSettings().prettyPrint(false).charset("UTF-8");
        return doc;
    }

    /** For each opening tag, its closing tag's index (else -1). */
    private static int[] matchBlocks(List<Tag> tags) {
        int[] closeOf = new int[tags.size()];
        java.util.Arrays.fill(closeOf, -1);
        Deque<Integer> open = new ArrayDeque<>();
        for (int k = 0; k < tags.size(); k++) {
            switch (tags.get(k).kind()) {
                case OPEN -> open.push(k);
                case CLOSE -> closeOf[open.pop()] = k;
                default -> {}
            }
        }
        return closeOf;
    }

    /** Finds every marker in the parsed skeleton, refusing any in a place the data could change. */
    private static boolean collect(
            Document doc, List<Tag> tags, Map<Integer, Comment> markers, List<Integer> seen, String skeleton) {
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(doc);
        int total = 0;
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            if (node instanceof Element e) {
                if (e.tagName().indexOf(OPEN) >= 0) {
                    return false;
                }
                for (Attribute a : e.attributes()) {
                    if (a.getKey().indexOf(OPEN) >= 0) {
                        return false;
                    }
                    String value = a.getValue();
                    int first = value.indexOf(OPEN);
                    if (first < 0) {
                        continue;
                    }
                    String key = a.getKey().toLowerCase(Locale.ROOT);
                    if (key.startsWith("on") || ATTRIBUTES_REFUSED.contains(key)) {
                        return false;
                    }
                    List<Integer> found = indices(value, tags, seen);
                    if (found == null) {
                        return false;
                    }
                    total += found.size();
                    if (URL_ATTRIBUTES.contains(key) && !safeUrl(value, first, found.size())) {
                        return false;
                    }
                    if (!quoted(skeleton, e, found.get(0))) {
                        return false;
                    }
                }
                List<Node> children = e.childNodes();
                for (int c = children.size() - 1; c >= 0; c--) {
                    stack.push(children.get(c));
                }
            } else if (node instanceof TextNode t) {
                String text = t.getWholeText();
                if (text.indexOf(OPEN) >= 0) {
                    Node parent = t.parent();
                    if (!(parent instanceof Element p) || TEXT_PARENTS_REFUSED.contains(p.normalName())) {
                        return false;
                    }
                    List<Integer> found = indices(text, tags, seen);
                    if (found == null) {
                        return false;
                    }
                    total += found.size();
                }
            } else if (node instanceof Comment c) {
                String data = c.getData();
                if (data.indexOf(OPEN) >= 0) {
                    if (data.length() < 3 || data.charAt(0) != OPEN || data.charAt(data.length() - 1) != CLOSE) {
                        return false;
                    }
                    int index;
                    try {
                        index = Integer.parseInt(data.substring(1, data.length() - 1));
                    } catch (NumberFormatException ex) {
                        return false;
                    }
                    if (index < 0 || index >= tags.size() || tags.get(index).kind() == Kind.VAR) {
                        return false;
                    }
                    seen.add(index);
                    markers.put(index, c);
                    total++;
                }
            } else if (node instanceof DataNode d) {
                if (d.getWholeData().indexOf(OPEN) >= 0) {
                    return false;
                }
            } else if (node.outerHtml().indexOf(OPEN) >= 0) {
                return false;
            }
        }
        // Every marker accounted for, none lost or copied by the parser.
        long inOutput = doc.outerHtml().chars().filter(ch -> ch == OPEN).count();
        return total == tags.size() && inOutput == tags.size();
    }

    /** The variable markers in a text or attribute value; null if it holds a block marker. */
    private static List<Integer> indices(String s, List<Tag> tags, List<Integer> seen) {
        List<Integer> found = new ArrayList<>();
        int i = 0;
        while ((i = s.indexOf(OPEN, i)) >= 0) {
            int end = s.indexOf(CLOSE, i);
            if (end < 0) {
                return null;
            }
            int index;
            try {
                index = Integer.parseInt(s.substring(i + 1, end));
            } catch (NumberFormatException e) {
                return null;
            }
            if (index < 0 || index >= tags.size() || tags.get(index).kind() != Kind.VAR) {
                return null;
            }
            found.add(index);
            seen.add(index);
            i = end + 1;
        }
        return found;
    }

    /**
     * A URL attribute with a variable: clean-up removes it when the whole value starts with a dangerous
     * scheme. Either the text before the first variable decides that already, or the variable starts the
     * value alone and the text after it cannot start a scheme when the value is empty ({@link #ESCAPING}
     * refuses values that could).
     */
    private static boolean safeUrl(String value, int first, int variables) {
        String prefix = compact(value.substring(0, first));
        if (!prefix.isEmpty()) {
            return decided(prefix);
        }
        if (variables != 1) {
            return false;
        }
        String rest = compact(value.substring(value.indexOf(CLOSE) + 1));
        return rest.isEmpty() || decided(rest);
    }

    /** True when no dangerous scheme can start a value that starts with {@code s}. */
    private static boolean decided(String s) {
        for (String d : DANGEROUS) {
            if (d.startsWith(s) || s.startsWith(d)) {
                return false;
            }
        }
        return true;
    }

    private static String compact(String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length() && b.length() < 16; i++) {
            char c = value.charAt(i);
            if (c > ' ') {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    /** The variable's marker in the skeleton source sits inside a quoted attribute value of its tag. */
    private static boolean quoted(String skeleton, Element e, int index) {
        String m = OPEN + Integer.toString(index) + CLOSE;
        int at = skeleton.indexOf(m);
        int lt = skeleton.lastIndexOf('<', at);
        if (at < 0 || lt < 0 || skeleton.lastIndexOf('>', at) > lt) {
            return false;
        }
        int i = lt + 1;
        while (i < at && !Character.isWhitespace(skeleton.charAt(i))) {
            i++;
        }
        while (i < at) {
            char c = skeleton.charAt(i);
            if (c == '"' || c == '\'') {
                int end = skeleton.indexOf(c, i + 1);
                if (end < 0) {
                    return false;
                }
                if (end > at) {
                    return skeleton.charAt(i - 1) == '=' || isEqualsBefore(skeleton, i);
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return false;
    }

    private static boolean isEqualsBefore(String s, int quote) {
        int k = quote - 1;
        while (k >= 0 && Character.isWhitespace(s.charAt(k))) {
            k--;
        }
        return k >= 0 && s.charAt(k) == '=';
    }

    private static boolean siblings(List<Tag> tags, int[] closeOf, Map<Integer, Comment> markers) {
        Deque<Integer> open = new ArrayDeque<>();
        for (int k = 0; k < tags.size(); k++) {
            Kind kind = tags.get(k).kind();
            Comment c = markers.get(k);
            if (kind == Kind.OPEN) {
                open.push(k);
            }
            if (kind == Kind.ELSE || kind == Kind.CLOSE) {
                Comment o = markers.get(open.peek());
                if (o == null || c == null || o.parent() != c.parent() || c.parent() == null) {
                    return false;
                }
                if (kind == Kind.CLOSE) {
                    open.pop();
                }
            }
        }
        return true;
    }

    /** The skeleton's text with every block repeated twice (or left out), innermost first. */
    private static String expand(
            List<String> pieces,
            List<Integer> pieceTag,
            int[] pieceOf,
            int[] closeOf,
            int from,
            int to,
            boolean twice) {
        StringBuilder b = new StringBuilder();
        int p = from;
        while (p < to) {
            int t = pieceTag.get(p);
            if (t >= 0 && closeOf[t] >= 0) {
                int end = pieceOf[closeOf[t]];
                if (twice) {
                    String inner = expand(pieces, pieceTag, pieceOf, closeOf, p + 1, end, true);
                    b.append(inner).append(inner);
                }
                p = end + 1;
            } else {
                b.append(pieces.get(p));
                p++;
            }
        }
        return b.toString();
    }

    /** The same on the parsed skeleton: the siblings between a block's markers copied (or removed). */
    private static void expandDom(Document doc, List<Tag> tags, int[] closeOf, boolean twice) {
        Map<Integer, Comment> markers = new HashMap<>();
        for (Element e : doc.getAllElements()) {
            for (Node n : e.childNodes()) {
                if (n instanceof Comment c
                        && c.getData().length() > 2
                        && c.getData().charAt(0) == OPEN) {
                    markers.put(
                            Integer.parseInt(
                                    c.getData().substring(1, c.getData().length() - 1)),
                            c);
                }
            }
        }
        for (int k = tags.size() - 1; k >= 0; k--) {
            if (closeOf[k] < 0) {
                continue;
            }
            Comment open = markers.get(k);
            Comment close = markers.get(closeOf[k]);
            List<Node> between = new ArrayList<>();
            for (Node n = open.nextSibling(); n != close; n = n.nextSibling()) {
                between.add(n);
            }
            if (twice) {
                for (Node n : between) {
                    close.before(n.clone());
                }
            } else {
                between.forEach(Node::remove);
            }
            open.remove();
            close.remove();
        }
    }

    /** The finished skeleton with the markers turned back into their tags. */
    private static String write(String html, List<Tag> tags) {
        StringBuilder b = new StringBuilder(html.length() + 256);
        int i = 0;
        while (true) {
            int m = html.indexOf(OPEN, i);
            String stat = html.substring(i, m < 0 ? html.length() : m);
            boolean comment = m >= 4 && html.startsWith("<!--", m - 4);
            if (comment) {
                stat = stat.substring(0, stat.length() - 4);
            }
            if (stat.contains("{{") || (!stat.isEmpty() && stat.charAt(stat.length() - 1) == '{')) {
                return null; // literal braces would be read as Handlebars
            }
            if (i > 0 && !stat.isEmpty() && stat.charAt(0) == '}') {
                return null;
            }
            if (!stat.isEmpty() && stat.charAt(stat.length() - 1) == '\\') {
                return null;
            }
            b.append(stat);
            if (m < 0) {
                break;
            }
            int end = html.indexOf(CLOSE, m);
            int index = Integer.parseInt(html.substring(m + 1, end));
            b.append(tags.get(index).text());
            i = end + 1;
            if (comment) {
                if (!html.startsWith("-->", i)) {
                    return null;
                }
                i += 3;
            }
        }
        return b.toString();
    }

    /**
     * Escapes a value as jsoup writes text and attribute values it parsed ({@code &} and no-break space),
     * and marks the message for the full path when the value holds anything the two paths could treat
     * differently.
     */
    static final EscapingStrategy ESCAPING = value -> {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = null;
            if (c == '&') {
                replacement = "&amp;";
            } else if (c == '\u00A0') {
                replacement = "&nbsp;";
            } else if (c == '<'
                    || c == '>'
                    || c == '"'
                    || (c < ' ' && c != '\t' && c != '\n')
                    || c == 0x7F
                    || Character.isSurrogate(c)
                    || c == OPEN
                    || c == CLOSE) {
                UNSAFE.get()[0] = true;
            }
            if (replacement != null) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                b.append(replacement);
            } else if (b != null) {
                b.append(c);
            }
        }
        String compact = compact(s);
        if (!compact.isEmpty() && !decided(compact)) {
            UNSAFE.get()[0] = true;
        }
        return b == null ? s : b.toString();
    };

    /** Starts watching this thread's values for a message. */
    static void resetUnsafe() {
        UNSAFE.get()[0] = false;
    }

    /** Whether a value since {@link #resetUnsafe} needs the full path. */
    static boolean unsafe() {
        return UNSAFE.get()[0];
    }
}
