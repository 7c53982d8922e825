package dev.mailroom.model.templates;

/** Port: writes and reads bundle files (JSON with base64 images, in the mailer module). */
public interface TemplateBundleCodec {
    byte[] encode(TemplateBundle bundle);

    /**
     * Reads a bundle. A file that is not a bundle, is damaged or truncated, or was written by a newer
     * Mailroom throws {@link dev.mailroom.model.common.InvalidInput} (field "bundle") with a message
     * that says which.
     */
    TemplateBundle decode(byte[] file);
}
