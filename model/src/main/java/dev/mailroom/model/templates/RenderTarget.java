package dev.mailroom.model.templates;

/**
 * What a render is for. {@link #PREVIEW}: the editor's preview; the logo is a {@code data:} URI and
 * nothing remote is left to load (remote images are replaced by a placeholder and listed, and a
 * Content-Security-Policy forbids any other fetch). {@link #SEND}: a message about to leave; the logo
 * is an inline attachment referred to by {@code cid:}, and remote images stay as the designer wrote
 * them.
 */
/*
 * For the editor's preview (JavaFX WebView): render with PREVIEW and show Rendering.html() with
 * engine.loadContent(html, "text/html") — no base URL, so relative references resolve to nothing —
 * after engine.setJavaScriptEnabled(false). The PREVIEW html holds no remote reference at all (img
 * src, srcset, background, poster, <link>, SVG href, CSS url() and @import are replaced and listed in
 * Rendering.blockedRemoteUrls(), which the editor can show as "3 remote images not loaded"), scripts
 * and event handlers are gone, and a Content-Security-Policy meta tag forbids any other fetch as a
 * second lock. Never load the SEND rendering into the WebView: it keeps remote images.
 */
public enum RenderTarget {
    PREVIEW,
    SEND
}
