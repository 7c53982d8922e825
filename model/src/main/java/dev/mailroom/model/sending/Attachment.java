package dev.mailroom.model.sending;

import java.util.Arrays;
import java.util.Objects;

/**
 * A file sent with a message (a receipt's PDF, a calendar invitation): its name as the recipient sees it,
 * its media type and its bytes. {@link Attachments} says which ones Mailroom accepts.
 */
public record Attachment(String filename, String mediaType, byte[] bytes) {
    public Attachment {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(mediaType, "mediaType");
        bytes = bytes.clone();
    }

    /** An attachment whose media type follows from its file name's extension. */
    public static Attachment named(String filename, byte[] bytes) {
        return new Attachment(filename, Attachments.mediaTypeOf(filename), bytes);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a
                && filename.equals(a.filename)
                && mediaType.equals(a.mediaType)
                && Arrays.equals(bytes, a.bytes);
    }

    @Override
    public int hashCode() {
        return filename.hashCode();
    }

    @Override
    public String toString() {
        return "Attachment[" + filename + ", " + mediaType + ", " + bytes.length + " bytes]";
    }
}
