package dev.mailroom.mailer.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Variable names as templates write them, and whether data has them. */
final class VariablePaths {
    private VariablePaths() {}

    /**
     * The data path a template name refers to: {@code ../order.number} and {@code this.sku} become
     * {@code order.number} and {@code sku}, {@code @root.x} becomes {@code x}; loop variables
     * ({@code @index}, {@code this}) are no data and give empty.
     */
    static Optional<String> normalize(String raw) {
        String n = raw.strip();
        while (n.startsWith("../")) {
            n = n.substring(3);
        }
        if (n.startsWith("@root.")) {
            n = n.substring("@root.".length());
        }
        if (n.startsWith("this.") || n.startsWith("this/")) {
            n = n.substring(5);
        }
        if (n.startsWith("./")) {
            n = n.substring(2);
        }
        if (n.isEmpty()
                || n.equals("this")
                || n.equals(".")
                || n.startsWith("@")
                || n.startsWith("\"")
                || n.startsWith("'")) {
            return Optional.empty();
        }
        return Optional.of(n.replace('/', '.'));
    }

    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("\\.")) {
            if (!s.isEmpty()) {
                out.add(s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s);
            }
        }
        return out;
    }

    /**
     * Whether the path resolves from the top of the data or from any object inside it. Templates use
     * names relative to the current loop item ({@code {{#each items}}{{price}}}), which a static look
     * at the source cannot place exactly; the render itself reports misses in the loops it ran.
     */
    static boolean presentAnywhere(Object data, String path) {
        List<String> segs = segments(path);
        if (segs.isEmpty()) {
            return true;
        }
        return search(data, segs, 0);
    }

    private static boolean search(Object node, List<String> segs, int depth) {
        if (depth > 64) {
            return false;
        }
        if (resolves(node, segs)) {
            return true;
        }
        if (node instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                if ((v instanceof Map || v instanceof List) && search(v, segs, depth + 1)) {
                    return true;
                }
            }
        } else if (node instanceof List<?> l) {
            for (Object v : l) {
                if ((v instanceof Map || v instanceof List) && search(v, segs, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The value at the path from the top of the data, if it resolves there. */
    static Optional<Object> atTop(Object data, String path) {
        Object current = data;
        for (String s : segments(path)) {
            Object next = DataResolver.INSTANCE.resolve(current, s);
            if (next == com.github.jknack.handlebars.ValueResolver.UNRESOLVED || next == null) {
                return Optional.empty();
            }
            current = next;
        }
        return Optional.of(current);
    }

    private static boolean resolves(Object node, List<String> segs) {
        Object current = node;
        for (String s : segs) {
            Object next = DataResolver.INSTANCE.resolve(current, s);
            if (next == com.github.jknack.handlebars.ValueResolver.UNRESOLVED || next == null) {
                return false;
            }
            current = next;
        }
        return true;
    }
}
