package dev.mailroom.model.sending;

import java.util.Objects;

/**
 * A message's reference to an attachment whose bytes are stored once for its tenant by content address
 * (the same store as inline parts, decision 0030): a receipt PDF sent to many recipients is stored once.
 */
public record AttachmentRef(String filename, String sha256) {
    public AttachmentRef {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(sha256, "sha256");
    }
}
