package dev.mailroom.model.sending;

import java.util.Arrays;
import java.util.Objects;

/** An image carried inside a message and referred to from its HTML as {@code cid:<contentId>} (a brand logo). */
public record InlinePart(String contentId, String mediaType, byte[] bytes) {
    public InlinePart {
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(mediaType, "mediaType");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InlinePart p && contentId.equals(p.contentId) && mediaType.equals(p.mediaType)
                && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return contentId.hashCode();
    }

    @Override
    public String toString() {
        return "InlinePart[" + contentId + ", " + mediaType + ", " + bytes.length + " bytes]";
    }
}
