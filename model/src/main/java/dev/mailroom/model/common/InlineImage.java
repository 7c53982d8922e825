package dev.mailroom.model.common;

import java.util.Arrays;
import java.util.Objects;

/** An image carried inside a message and referred to from its HTML as {@code cid:<contentId>} (a brand logo). */
public record InlineImage(String contentId, String mediaType, byte[] bytes) {
    public InlineImage {
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
        return o instanceof InlineImage i
                && contentId.equals(i.contentId)
                && mediaType.equals(i.mediaType)
                && Arrays.equals(bytes, i.bytes);
    }

    @Override
    public int hashCode() {
        return contentId.hashCode();
    }

    @Override
    public String toString() {
        return "InlineImage[" + contentId + ", " + mediaType + ", " + bytes.length + " bytes]";
    }
}
