package dev.mailroom.model.domains.dns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An in-memory {@link DnsLookup} for model tests: records by name and type, names that fail on purpose. */
public final class FakeDns implements DnsLookup {
    private final Map<String, List<String>> records = new HashMap<>();
    private final Map<String, DnsStatus> failures = new HashMap<>();
    private final List<String> asked = new ArrayList<>();

    public FakeDns add(String name, DnsType type, String... values) {
        records.computeIfAbsent(key(name, type), k -> new ArrayList<>()).addAll(List.of(values));
        return this;
    }

    public FakeDns fail(String name, DnsStatus status) {
        failures.put(norm(name), status);
        return this;
    }

    public List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public synchronized DnsAnswer lookup(String name, DnsType type) {
        asked.add(norm(name) + " " + type);
        DnsStatus f = failures.get(norm(name));
        if (f != null) {
            return DnsAnswer.failed(name, type, f, "");
        }
        List<String> v = records.get(key(name, type));
        if (v != null && !v.isEmpty()) {
            return DnsAnswer.found(name, type, v);
        }
        boolean exists = records.keySet().stream()
                .anyMatch(k -> k.startsWith(norm(name) + "/") || k.contains("." + norm(name) + "/"));
        return DnsAnswer.of(name, type, exists ? DnsStatus.NO_DATA : DnsStatus.NXDOMAIN);
    }

    private static String norm(String n) {
        String s = n.toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String key(String name, DnsType type) {
        return norm(name) + "/" + type;
    }
}
