package dev.mailroom.model.domains;

import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.domains.dns.TxtStrings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One DNS record of a plan: where ({@code host}, a full name without the trailing dot), its type, its
 * value (for TXT the whole text; {@link #strings()} gives the DNS strings of at most 255 characters),
 * what to do with it, the record found there before (if any) and notes for the person publishing it.
 */
public record PlannedRecord(
        RecordKind kind,
        String host,
        DnsType type,
        String value,
        PlanAction action,
        Optional<String> existing,
        boolean optional,
        List<String> notes) {

    public PlannedRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(action, "action");
        existing = existing == null ? Optional.empty() : existing;
        notes = List.copyOf(notes);
    }

    public List<String> strings() {
        return type == DnsType.TXT ? TxtStrings.split(value) : List.of(value);
    }

    /** The host relative to the zone's apex: "@" for the apex itself. */
    public String relativeHost(String apex) {
        if (host.equalsIgnoreCase(apex)) {
            return "@";
        }
        String suffix = "." + apex;
        return host.toLowerCase(java.util.Locale.ROOT).endsWith(suffix.toLowerCase(java.util.Locale.ROOT))
                ? host.substring(0, host.length() - suffix.length())
                : host + ".";
    }

    /** The value as a person copies it into a DNS provider's form. */
    public String copyText() {
        return value;
    }
}
