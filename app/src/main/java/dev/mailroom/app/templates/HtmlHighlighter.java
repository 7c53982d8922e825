package dev.mailroom.app.templates;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Style spans for HTML with Handlebars in it: comments, Handlebars expressions, tag names, attribute
 * names and values. Pure computation, so it runs in the background; very large sources are not
 * highlighted at all, which keeps typing in a 5 MB template as fast as in a plain text area.
 */
final class HtmlHighlighter {
    /** Above this the source is shown plain: highlighting would cost more than it helps. */
    static final int MAX_CHARS = 300_000;

    private static final Pattern TOKENS =
            Pattern.compile("(?<COMMENT><!--[\\s\\S]*?-->|\\{\\{!--[\\s\\S]*?--}}|\\{\\{![^}]*}})"
                    + "|(?<HANDLEBARS>\\{\\{\\{?[^}]*}}}?)"
                    + "|(?<TAG></?[A-Za-z][A-Za-z0-9:-]*|/?>)"
                    + "|(?<ATTR>\\b[A-Za-z_:][-A-Za-z0-9_:.]*(?=\\s*=))"
                    + "|(?<VALUE>\"[^\"\\n]*\"|'[^'\\n]*')");
    private static final List<String> GROUPS = List.of("COMMENT", "HANDLEBARS", "TAG", "ATTR", "VALUE");

    private HtmlHighlighter() {}

    static StyleSpans<Collection<String>> spans(String text) {
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        int last = 0;
        if (text.length() <= MAX_CHARS) {
            Matcher m = TOKENS.matcher(text);
            while (m.find()) {
                String style = null;
                for (String g : GROUPS) {
                    if (m.group(g) != null) {
                        style = "hl-" + g.toLowerCase(java.util.Locale.ROOT);
                        break;
                    }
                }
                b.add(List.of(), m.start() - last);
                b.add(List.of(style), m.end() - m.start());
                last = m.end();
            }
        }
        b.add(List.of(), text.length() - last);
        return b.create();
    }
}
