package dev.mailroom.model.domains.dns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** TXT values as DNS holds them: strings of at most 255 bytes, and their zone-file form. */
public final class TxtStrings {
    public static final int MAX = 255;

    private TxtStrings() {}

    /** Splits a value into strings of at most 255 bytes (never inside a UTF-8 character). */
    public static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            int n = ch.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > MAX) {
                out.add(cur.toString());
                cur.setLength(0);
                bytes = 0;
            }
            cur.append(ch);
            bytes += n;
            i += Character.charCount(cp);
        }
        if (cur.length() > 0 || out.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    /** A string quoted for a zone file: backslashes and double quotes escaped. */
    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The value as a zone file writes it: each string quoted, separated by spaces. */
    public static String zoneForm(String value) {
        return String.join(" ", split(value).stream().map(TxtStrings::quote).toList());
    }
}
