package dev.mailroom.mailer.templates;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The plain-text part, made from the finished HTML: paragraphs and table rows on their own lines,
 * links as "text (url)", list items with "- " or "1. ", headings followed by a blank line,
 * {@code <br>} as a line break, {@code <hr>} as a line of dashes. Hidden elements (a preheader in a
 * {@code display:none} block) and images without a link are left out.
 */
public final class PlainText {
    private static final Set<String> BLOCKS = Set.of(
            "p",
            "div",
            "table",
            "tr",
            "section",
            "article",
            "header",
            "footer",
            "main",
            "aside",
            "nav",
            "blockquote",
            "center",
            "address",
            "figure",
            "figcaption",
            "dl",
            "dt",
            "dd",
            "ul",
            "ol",
            "form",
            "fieldset",
            "body",
            "pre",
            "tbody",
            "thead",
            "tfoot");
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
    private static final Set<String> SKIPPED = Set.of("head", "style", "script", "title", "meta", "link", "template");

    private PlainText() {}

    /**
     * The plain-text alternative of an HTML message that has none: the same conversion as a template's
     * text part, over the parsed HTML's body.
     */
    public static String fromHtml(String html) {
        return of(org.jsoup.Jsoup.parse(html).body());
    }

    static String of(Element root) {
        Out out = new Out();
        walk(root, out, 0);
        return out.finish();
    }

    private static void walk(Node node, Out out, int listDepth) {
        if (node instanceof TextNode t) {
            out.text(t.getWholeText(), isInPre(t));
            return;
        }
        if (!(node instanceof Element e)) {
            return;
        }
        String name = e.normalName();
        if (SKIPPED.contains(name) || hidden(e)) {
            return;
        }
        switch (name) {
            case "br" -> out.newline();
            case "hr" -> {
                out.blockBreak();
                out.raw("----------------------------------------");
                out.blockBreak();
            }
            case "a" -> link(e, out, listDepth);
            case "img" -> {
                // an image says nothing in plain text unless it is the only content of a link (handled there)
            }
            case "li" -> {
                out.blockOrLine(true);
                Element parent = e.parent();
                String bullet = parent != null && parent.normalName().equals("ol")
                        ? (e.elementSiblingIndex() + 1) + ". "
                        : "- ";
                out.raw("  ".repeat(Math.max(0, listDepth - 1)) + bullet);
                children(e, out, listDepth);
                out.blockOrLine(true);
            }
            case "ul", "ol" -> {
                out.blockBreak();
                children(e, out, listDepth + 1);
                out.blockBreak();
            }
            case "td", "th" -> {
                children(e, out, listDepth);
                out.cellBreak();
            }
            default -> {
                if (HEADINGS.contains(name)) {
                    out.blockBreak();
                    children(e, out, listDepth);
                    out.blockBreak();
                } else if (BLOCKS.contains(name)) {
                    out.blockOrLine(
                            name.equals("tr") || name.equals("div") || name.equals("tbody") || name.equals("table"));
                    children(e, out, listDepth);
                    out.blockOrLine(
                            name.equals("tr") || name.equals("div") || name.equals("tbody") || name.equals("table"));
                } else {
                    children(e, out, listDepth);
                }
            }
        }
    }

    private static void children(Element e, Out out, int listDepth) {
        for (Node child : e.childNodes()) {
            walk(child, out, listDepth);
        }
    }

    private static void link(Element a, Out out, int listDepth) {
        String href = a.attr("href").strip();
        String text = a.text().strip();
        boolean fromAlt = false;
        if (text.isEmpty()) {
            text = a.select("img[alt]").eachAttr("alt").stream()
                    .filter(s -> !s.isBlank())
                    .findFirst()
                    .orElse("");
            fromAlt = !text.isEmpty();
        }
        boolean showUrl = !href.isEmpty()
                && !href.startsWith("#")
                && !href.toLowerCase(Locale.ROOT).startsWith("javascript:");
        String url = href.toLowerCase(Locale.ROOT).startsWith("mailto:") ? href.substring("mailto:".length()) : href;
        if (text.isEmpty()) {
            if (showUrl) {
                out.text(url, false);
            }
            return;
        }
        if (!showUrl || text.equals(url) || text.equals(href)) {
            children(a, out, listDepth);
            return;
        }
        if (fromAlt) {
            out.text(text, false);
        } else {
            children(a, out, listDepth);
        }
        out.text(" (" + url + ")", false);
    }

    private static boolean hidden(Element e) {
        if (e.hasAttr("hidden")) {
            return true;
        }
        String style = e.attr("style");
        if (style.isEmpty() || !style.toLowerCase(Locale.ROOT).contains("display")) {
            return false;
        }
        for (CssInliner.Decl d : CssInliner.styleAttribute(style).orElse(List.of())) {
            if (d.property().equals("display")
                    && d.value().strip().toLowerCase(Locale.ROOT).equals("none")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isInPre(TextNode t) {
        for (Node n = t.parent(); n != null; n = n.parent()) {
            if (n instanceof Element e && e.normalName().equals("pre")) {
                return true;
            }
        }
        return false;
    }

    /** Collects text, folding whitespace and keeping at most one blank line between blocks. */
    private static final class Out {
        private final StringBuilder b = new StringBuilder();
        private boolean pendingSpace;

        void text(String s, boolean preformatted) {
            if (preformatted) {
                b.append(s);
                pendingSpace = false;
                return;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\u200B' || c == '\u200C' || c == '\u034F' || c == '\uFEFF') {
                    continue; // zero-width fillers some templates use
                }
                if (Character.isWhitespace(c) || c == '\u00A0') {
                    pendingSpace = true;
                } else {
                    if (pendingSpace && b.length() > 0 && !atLineStart()) {
                        b.append(' ');
                    }
                    pendingSpace = false;
                    b.append(c);
                }
            }
        }

        void raw(String s) {
            if (pendingSpace && b.length() > 0 && !atLineStart()) {
                b.append(' ');
            }
            pendingSpace = false;
            b.append(s);
        }

        void newline() {
            trimTrailingSpaces();
            b.append('\n');
            pendingSpace = false;
        }

        void cellBreak() {
            if (b.length() > 0 && !atLineStart()) {
                pendingSpace = true;
            }
        }

        void blockOrLine(boolean lineOnly) {
            if (lineOnly) {
                if (b.length() > 0 && !atLineStart()) {
                    newline();
                }
            } else {
                blockBreak();
            }
        }

        void blockBreak() {
            if (b.length() == 0) {
                return;
            }
            trimTrailingSpaces();
            while (!endsWith("\n\n")) {
                b.append('\n');
            }
            pendingSpace = false;
        }

        private boolean atLineStart() {
            return b.length() == 0 || b.charAt(b.length() - 1) == '\n';
        }

        private boolean endsWith(String s) {
            return b.length() >= s.length()
                    && b.substring(b.length() - s.length()).equals(s);
        }

        private void trimTrailingSpaces() {
            while (b.length() > 0 && b.charAt(b.length() - 1) == ' ') {
                b.setLength(b.length() - 1);
            }
        }

        String finish() {
            String[] lines = b.toString().split("\n", -1);
            StringBuilder r = new StringBuilder();
            int blank = 0;
            for (String line : lines) {
                String l = line.stripTrailing();
                if (l.isBlank()) {
                    blank++;
                    if (blank > 1 || r.length() == 0) {
                        continue;
                    }
                    r.append('\n');
                } else {
                    blank = 0;
                    r.append(l).append('\n');
                }
            }
            return r.toString().strip() + "\n";
        }
    }
}
