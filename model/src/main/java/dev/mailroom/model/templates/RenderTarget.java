package dev.mailroom.model.templates;

/**
 * What a render is for. {@link #PREVIEW}: the editor's preview; the logo is a {@code data:} URI and
 * nothing remote is left to load (remote images are replaced by a placeholder and listed, and a
 * Content-Security-Policy forbids any other fetch). {@link #SEND}: a message about to leave; the logo
 * is an inline attachment referred to by {@code cid:}, and remote images stay as the designer wrote
 * them.
 */
public enum RenderTarget {
    PREVIEW,
    SEND
}
