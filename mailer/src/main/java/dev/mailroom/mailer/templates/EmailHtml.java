package dev.mailroom.mailer.templates;

import com.helger.css.decl.CSSDeclaration;
import com.helger.css.decl.CSSDeclarationList;
import com.helger.css.decl.CSSExpressionMemberTermURI;
import com.helger.css.decl.CascadingStyleSheet;
import com.helger.css.decl.ICSSTopLevelRule;
import com.helger.css.decl.visit.CSSVisitor;
import com.helger.css.decl.visit.DefaultCSSUrlVisitor;
import com.helger.css.reader.CSSReader;
import com.helger.css.reader.CSSReaderSettings;
import com.helger.css.reader.errorhandler.CollectingCSSParseErrorHandler;
import com.helger.css.reader.errorhandler.DoNothingCSSInterpretErrorHandler;
import com.helger.css.writer.CSSWriter;
import com.helger.css.writer.CSSWriterSettings;
import dev.mailroom.model.templates.RenderTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Turns the HTML Handlebars produced into what an email client gets: nothing active (no scripts,
 * frames, event handlers or {@code javascript:} links), CSS inlined, and, for the preview, nothing
 * that would be fetched from the network.
 */
final class EmailHtml {
    /** Shown in the preview instead of a remote image: a light grey box. */
    static final String BLOCKED_IMAGE = "data:image/svg+xml;base64,"
            + java.util.Base64.getEncoder()
                    .encodeToString(("<svg xmlns='http://www.w3.org/2000/svg' width='120' height='60'>"
                                    + "<rect width='120' height='60' fill='#E5E7EB'/></svg>")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    /** The preview's policy: images from data: and cid: only, inline styles only, nothing else at all. */
    static final String PREVIEW_CSP =
            "default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'; font-src data:";

    private static final Set<String> ACTIVE_ELEMENTS =
            Set.of("script", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal");
    private static final Set<String> URL_ATTRIBUTES = Set.of(
            "href", "src", "action", "formaction", "background", "poster", "xlink:href", "lowsrc", "dynsrc", "data");

    private EmailHtml() {}

    record Finished(Document document, List<String> blockedRemoteUrls) {}

    static Finished finish(String html, RenderTarget target, List<String> warnings) {
        return finish(html, target, warnings, RenderTimings.OFF);
    }

    static Finished finish(String html, RenderTarget target, List<String> warnings, RenderTimings timings) {
        long mark = timings.mark();
        Document doc = Jsoup.parse(html, "", Parser.htmlParser().setTrackErrors(0));
        doc.outputSettings().prettyPrint(false).charset("UTF-8");
        removeActiveContent(doc, warnings);
        mark = timings.add(RenderTimings.Stage.HTML_CLEAN, mark);
        CssInliner.inline(doc, warnings);
        mark = timings.add(RenderTimings.Stage.CSS_INLINE, mark);
        List<String> blocked = new ArrayList<>();
        if (target == RenderTarget.PREVIEW) {
            blockRemoteContent(doc, blocked);
            timings.add(RenderTimings.Stage.HTML_CLEAN, mark);
        }
        return new Finished(doc, blocked);
    }

    static void removeActiveContent(Document doc, List<String> warnings) {
        int removed = 0;
        for (Element e : doc.getAllElements()) {
            String name = e.normalName();
            if (ACTIVE_ELEMENTS.contains(name)) {
                e.remove();
                removed++;
                continue;
            }
            if (name.equals("meta") && e.attr("http-equiv").equalsIgnoreCase("refresh")) {
                e.remove();
                continue;
            }
            if (name.equals("link") && e.attr("rel").toLowerCase(Locale.ROOT).contains("stylesheet")) {
                warnings.add("The linked style sheet " + e.attr("href") + " was left out: email clients do not load "
                        + "linked style sheets; put the CSS in a <style> block.");
                e.remove();
                continue;
            }
            List<String> drop = new ArrayList<>();
            for (Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                String value = compact(a.getValue());
                if (key.startsWith("on") || key.equals("srcdoc") || key.equals("formaction")) {
                    drop.add(a.getKey());
                } else if (URL_ATTRIBUTES.contains(key)
                        && (value.startsWith("javascript:")
                                || value.startsWith("vbscript:")
                                || (value.startsWith("data:") && !value.startsWith("data:image/")))) {
                    drop.add(a.getKey());
                }
            }
            drop.forEach(e::removeAttr);
            removed += drop.size();
        }
        if (removed > 0) {
            warnings.add(
                    "Scripts and other active content were removed (" + removed + "): email clients do not run them.");
        }
    }

    /** Lower-case, without the whitespace and control characters browsers ignore inside a scheme. */
    private static String compact(String value) {
        StringBuilder b = new StringBuilder(Math.min(value.length(), 32));
        for (int i = 0; i < value.length() && b.length() < 16; i++) {
            char c = value.charAt(i);
            if (c > ' ') {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    static boolean isRemote(String url) {
        String u = compact(url);
        return u.startsWith("http:") || u.startsWith("https:") || u.startsWith("//") || u.startsWith("ftp:");
    }

    /**
     * Replaces everything the preview would fetch: remote images with a grey box (the address kept in
     * {@code data-blocked-src} and listed), {@code srcset} and {@code background} attributes, {@code url()}
     * in styles; and adds a Content-Security-Policy as a second lock.
     */
    static void blockRemoteContent(Document doc, List<String> blocked) {
        for (Element link : doc.select("link[href]")) {
            blocked.add(link.attr("href")); // icons, preloads, fonts: nothing a preview needs
            link.remove();
        }
        for (Element e : doc.getAllElements()) {
            boolean anchor = e.normalName().equals("a") || e.normalName().equals("area");
            for (String attr : List.of("href", "xlink:href")) {
                if (!anchor && e.hasAttr(attr) && isRemote(e.attr(attr))) { // <svg><image href>, <use href>
                    blocked.add(e.attr(attr));
                    e.removeAttr(attr);
                }
            }
            if (e.hasAttr("src") && isRemote(e.attr("src"))) {
                blocked.add(e.attr("src"));
                e.attr("data-blocked-src", e.attr("src"));
                e.attr("src", BLOCKED_IMAGE);
            }
            for (String attr : List.of("srcset", "background", "poster", "lowsrc", "dynsrc")) {
                if (e.hasAttr(attr) && isRemote(e.attr(attr).strip().split("\\s+")[0])) {
                    blocked.add(e.attr(attr));
                    e.removeAttr(attr);
                }
            }
            if (e.hasAttr("style") && e.attr("style").toLowerCase(Locale.ROOT).contains("url(")) {
                CSSDeclarationList list = CssInliner.readDeclarations(e.attr("style"));
                if (list == null) {
                    e.removeAttr("style");
                } else {
                    RemoteUrls urls = new RemoteUrls(blocked);
                    CSSVisitor.visitAllDeclarationUrls(list, urls);
                    e.attr("style", list.getAsCSSString(new CSSWriterSettings(true), 0));
                }
            }
        }
        for (Element style : doc.select("style")) {
            if (!style.data().toLowerCase(Locale.ROOT).contains("url(")
                    && !style.data().contains("@import")) {
                continue;
            }
            CSSReaderSettings settings = new CSSReaderSettings()
                    .setBrowserCompliantMode(true)
                    .setCustomErrorHandler(new CollectingCSSParseErrorHandler())
                    .setInterpretErrorHandler(new DoNothingCSSInterpretErrorHandler())
                    .setCustomExceptionHandler(ex -> {});
            CascadingStyleSheet sheet = CSSReader.readFromStringReader(style.data(), settings);
            if (sheet == null) {
                style.remove();
                continue;
            }
            sheet.getAllImportRules().forEach(i -> blocked.add(i.getLocationString()));
            sheet.removeAllImportRules();
            CSSVisitor.visitCSSUrl(sheet, new RemoteUrls(blocked));
            String css = new CSSWriter(new CSSWriterSettings(false))
                    .setWriteHeaderText(false)
                    .getCSSAsString(sheet);
            style.empty().appendChild(new DataNode(css));
        }
        Element head = doc.head();
        head.prependElement("meta")
                .attr("http-equiv", "Content-Security-Policy")
                .attr("content", PREVIEW_CSP);
    }

    /** Rewrites remote url() values to an empty image and remembers them. */
    private static final class RemoteUrls extends DefaultCSSUrlVisitor {
        private final List<String> blocked;

        RemoteUrls(List<String> blocked) {
            this.blocked = blocked;
        }

        @Override
        public void onUrlDeclaration(
                ICSSTopLevelRule rule, CSSDeclaration declaration, CSSExpressionMemberTermURI uri) {
            if (isRemote(uri.getURIString())) {
                blocked.add(uri.getURIString());
                uri.setURIString("data:,");
            }
        }
    }
}
