package dev.mailroom.model.templates;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a template's data (a JSON object) from a recipient's values named by dotted paths:
 * {@code user.firstName = Jordan} becomes {@code {"user":{"firstName":"Jordan"}}}. Values are text;
 * {@code raw} values are JSON already (a list taken from the template's sample data). Where a path
 * runs through a name that already holds a value, the first one stays.
 */
public final class TemplateData {
    private TemplateData() {}

    public static String json(Map<String, String> values, Map<String, String> raw) {
        Map<String, Object> root = new LinkedHashMap<>();
        raw.forEach((path, json) -> put(root, path, new Raw(json)));
        values.forEach((path, text) -> put(root, path, text == null ? "" : text));
        StringBuilder out = new StringBuilder();
        write(root, out);
        return out.toString();
    }

    private record Raw(String json) {}

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String path, Object value) {
        String[] parts = path.split("\\.", -1);
        Map<String, Object> at = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = at.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
            if (!(next instanceof Map)) {
                return;
            }
            at = (Map<String, Object>) next;
        }
        at.putIfAbsent(parts[parts.length - 1], value);
    }

    @SuppressWarnings("unchecked")
    private static void write(Object value, StringBuilder out) {
        if (value instanceof Raw r) {
            out.append(r.json());
        } else if (value instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(e.getKey(), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else {
            string(String.valueOf(value), out);
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
