package dev.mailroom.model.common;

import java.util.Locale;
import java.util.regex.Pattern;

/** Small checks on text people type, shared by the features' validations. */
public final class Text {
    // Deliberately simple: a local part, an @ and a dotted domain. Deliverability checks live in the
    // address validation feature; this only catches typing mistakes in forms.
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");

    private Text() {}

    public static String trimmed(String s) {
        return s == null ? "" : s.strip();
    }

    public static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    public static boolean looksLikeEmail(String s) {
        return s != null && s.length() <= 254 && EMAIL.matcher(s).matches();
    }

    /** The form used for uniqueness: trimmed, inner whitespace folded, lower-cased. */
    public static String key(String s) {
        return trimmed(s).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
