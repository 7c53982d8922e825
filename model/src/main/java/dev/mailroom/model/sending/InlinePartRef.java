package dev.mailroom.model.sending;

import java.util.Objects;

/**
 * A message's reference to an inline part stored once for its tenant (content-addressed): the
 * Content-ID its HTML uses ({@code cid:<contentId>}) and the part's SHA-256, which names the stored
 * bytes. A campaign to many recipients stores its logo once; each message carries only this reference.
 */
public record InlinePartRef(String contentId, String sha256) {
    public InlinePartRef {
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(sha256, "sha256");
    }
}
