package dev.mailroom.model.onboarding;

import dev.mailroom.model.common.InvalidInput;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A file a person attaches to a checklist answer (a company-register extract, a screenshot of an
 * opt-in form). Kept in the store as bytes, never opened by Mailroom; only a few kinds and at most
 * {@link #MAX_BYTES}.
 */
public record Evidence(String name, String mediaType, byte[] bytes) {
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    private static final Map<String, String> TYPES = Map.of(
            "pdf", "application/pdf",
            "png", "image/png",
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "txt", "text/plain",
            "csv", "text/csv",
            "eml", "message/rfc822");

    public Evidence {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** Checks a file a person chose: its size and kind, by its name; the name is kept without any folder. */
    public static Evidence of(String fileName, byte[] bytes) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        StringBuilder clean = new StringBuilder(name.length());
        name.codePoints().filter(c -> !Character.isISOControl(c)).limit(200).forEach(clean::appendCodePoint);
        name = clean.toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.get(ext);
        if (name.isEmpty() || type == null) {
            throw new InvalidInput("evidence", "Attach a PDF, PNG, JPEG, text, CSV or .eml file.");
        }
        if (bytes.length == 0) {
            throw new InvalidInput("evidence", "\"" + name + "\" is empty.");
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInput(
                    "evidence",
                    String.format(
                            Locale.ROOT,
                            "\"%s\" is %,d KB; evidence files are at most %,d KB.",
                            name,
                            (bytes.length + 1023) / 1024,
                            MAX_BYTES / 1024));
        }
        return new Evidence(name, type, bytes.clone());
    }
}
