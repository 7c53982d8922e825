package dev.mailroom.mailer.activity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Groups of RFC 822-style {@code Name: value} fields, as in a {@code message/delivery-status} or
 * {@code message/feedback-report} body: groups are separated by blank lines, a line that starts
 * with white space continues the field above. Names are kept lower-case; a repeated name keeps
 * every value.
 */
final class Fields {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    static List<Fields> groups(String text) {
        List<Fields> groups = new ArrayList<>();
        Fields current = new Fields();
        String name = null;
        StringBuilder value = null;
        for (String line : text.split("\r?\n|\r", -1)) {
            if (line.isBlank()) {
                if (name != null) {
                    current.add(name, value.toString());
                    name = null;
                }
                if (!current.values.isEmpty()) {
                    groups.add(current);
                    current = new Fields();
                }
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.trim());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).matches("[A-Za-z][A-Za-z0-9_-]*")) {
                if (name != null) {
                    current.add(name, value.toString());
                }
                name = line.substring(0, colon).toLowerCase(Locale.ROOT);
                value = new StringBuilder(line.substring(colon + 1).trim());
            } else if (name != null) {
                // A line that is neither a field nor a continuation: some servers forget to indent.
                value.append(' ').append(line.trim());
            }
        }
        if (name != null) {
            current.add(name, value.toString());
        }
        if (!current.values.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    private void add(String name, String value) {
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value.trim());
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    Optional<String> first(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** A typed value ("rfc822; a@b.c", "smtp; 550 …") without its type and without blanks. */
    static String untyped(String value) {
        int semi = value.indexOf(';');
        if (semi > 0 && value.substring(0, semi).matches("\\s*[A-Za-z][A-Za-z0-9_.-]*\\s*")) {
            return value.substring(semi + 1).trim();
        }
        return value.trim();
    }
}
