package dev.mailroom.model.domains.spf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** RFC 7208 §7 macros: syntax check and expansion. */
final class SpfMacros {
    private static final String DELIMITERS = ".-+,/_=";

    private SpfMacros() {}

    /** Throws if the macro-string is not well formed; c, r and t are allowed only in explanations. */
    static void checkSyntax(String s, boolean explanation) throws SpfSyntaxException {
        expand(s, explanation, letter -> "");
    }

    /**
     * Expands the macro-string; {@code values} gives each macro letter's value (lower-case letter). Upper
     * case letters are URL-escaped after expansion.
     */
    static String expand(String s, boolean explanation, Function<Character, String> values) throws SpfSyntaxException {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '%') {
                if (c < 0x21 && !(explanation && c == ' ') || c > 0x7e) {
                    throw new SpfSyntaxException("\"" + s + "\" contains a character that is not allowed there.");
                }
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= s.length()) {
                throw new SpfSyntaxException("\"" + s + "\" ends with a lone %; write %% for a percent sign.");
            }
            char n = s.charAt(i + 1);
            if (n == '%') {
                out.append('%');
                i += 2;
                continue;
            }
            if (n == '_') {
                out.append(' ');
                i += 2;
                continue;
            }
            if (n == '-') {
                out.append("%20");
                i += 2;
                continue;
            }
            if (n != '{') {
                throw new SpfSyntaxException(
                        "\"" + s + "\" has a % that starts no macro; write %% for a percent sign.");
            }
            int close = s.indexOf('}', i + 2);
            if (close < 0) {
                throw new SpfSyntaxException("\"" + s + "\" has a macro that is not closed with }.");
            }
            out.append(expandOne(s, s.substring(i + 2, close), explanation, values));
            i = close + 1;
        }
        return out.toString();
    }

    private static String expandOne(String whole, String body, boolean explanation, Function<Character, String> values)
            throws SpfSyntaxException {
        if (body.isEmpty()) {
            throw new SpfSyntaxException("\"" + whole + "\" has an empty macro %{}.");
        }
        char letter = body.charAt(0);
        char lower = Character.toLowerCase(letter);
        if ("slodiphcrtv".indexOf(lower) < 0 || letter > 0x7e) {
            throw new SpfSyntaxException("\"" + whole + "\": %{" + letter + "} is not an SPF macro.");
        }
        if (!explanation && "crt".indexOf(lower) >= 0) {
            throw new SpfSyntaxException(
                    "\"" + whole + "\": %{" + letter + "} is allowed only in explanations (exp=).");
        }
        int p = 1;
        int digitsStart = p;
        while (p < body.length() && Character.isDigit(body.charAt(p))) {
            p++;
        }
        int keep = Integer.MAX_VALUE;
        if (p > digitsStart) {
            String digits = body.substring(digitsStart, p);
            keep = digits.length() > 3 ? 1000 : Integer.parseInt(digits);
            if (keep == 0) {
                throw new SpfSyntaxException("\"" + whole + "\": a macro cannot keep 0 parts.");
            }
        }
        boolean reverse = false;
        if (p < body.length() && (body.charAt(p) == 'r' || body.charAt(p) == 'R')) {
            reverse = true;
            p++;
        }
        String delims = body.substring(p);
        for (char d : delims.toCharArray()) {
            if (DELIMITERS.indexOf(d) < 0) {
                throw new SpfSyntaxException("\"" + whole + "\": \"" + d + "\" is not a macro delimiter.");
            }
        }
        String value = values.apply(lower);
        if (value == null) {
            value = "";
        }
        String delimSet = delims.isEmpty() ? "." : delims;
        List<String> parts = split(value, delimSet);
        if (reverse) {
            Collections.reverse(parts);
        }
        if (keep < parts.size()) {
            parts = parts.subList(parts.size() - keep, parts.size());
        }
        String result = String.join(".", parts);
        return Character.isUpperCase(letter) ? urlEscape(result) : result;
    }

    private static List<String> split(String value, String delims) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (delims.indexOf(c) >= 0) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    private static String urlEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return sb.toString();
    }
}
