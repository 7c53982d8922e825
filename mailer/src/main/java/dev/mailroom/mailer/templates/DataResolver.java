package dev.mailroom.mailer.templates;

import com.github.jknack.handlebars.ValueResolver;
import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves template paths against JSON data only (maps, lists, plain values). No Java bean getters or
 * methods are reachable from a template, so {@code {{name.class}}} and the like resolve to nothing.
 */
final class DataResolver implements ValueResolver {
    static final DataResolver INSTANCE = new DataResolver();

    private DataResolver() {}

    @Override
    public Object resolve(Object context, String name) {
        if (context instanceof Map<?, ?> map) {
            Object value = map.get(name);
            return value != null || map.containsKey(name) ? value : UNRESOLVED;
        }
        if (context instanceof List<?> list) {
            if (name.equals("length")) {
                return list.size();
            }
            int index = index(name);
            return index >= 0 && index < list.size() ? list.get(index) : UNRESOLVED;
        }
        if (context instanceof CharSequence s && name.equals("length")) {
            return s.length();
        }
        return UNRESOLVED;
    }

    @Override
    public Object resolve(Object context) {
        return context instanceof Map
                        || context instanceof List
                        || context instanceof CharSequence
                        || context instanceof Number
                        || context instanceof Boolean
                ? context
                : UNRESOLVED;
    }

    @Override
    public Set<Map.Entry<String, Object>> propertySet(Object context) {
        Set<Map.Entry<String, Object>> entries = new LinkedHashSet<>();
        if (context instanceof Map<?, ?> map) {
            map.forEach((k, v) -> entries.add(new AbstractMap.SimpleImmutableEntry<>(String.valueOf(k), v)));
        }
        return entries;
    }

    static int index(String name) {
        String n = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (n.isEmpty() || n.length() > 9) {
            return -1;
        }
        for (int i = 0; i < n.length(); i++) {
            if (!Character.isDigit(n.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(n);
    }
}
