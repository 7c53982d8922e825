package dev.mailroom.model.domains;

import dev.mailroom.model.domains.dns.DnsType;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The records a provider requires for a domain that sends through it (its DKIM keys, return path,
 * tracking CNAME, SPF include), as the provider gave them, with the provider's own verdict per record
 * where it gives one. In the record plan they take the place of Mailroom's own DKIM and return-path
 * records; the provider's SPF terms are merged into the domain's SPF record (decision 0074).
 *
 * @param provider the provider's name for sentences ("MailerSend")
 */
public record ProvidedRecords(String provider, List<Entry> entries) {
    /** Longest value kept (a 4096-bit DKIM key in TXT is about 800 characters). */
    public static final int MAX_VALUE = 4000;

    /**
     * One record the provider asks for.
     *
     * @param host the full name, lower case, without the trailing dot
     * @param verified what the provider last said of it; empty when it says nothing per record
     */
    public record Entry(RecordKind kind, String host, DnsType type, String value, Optional<Boolean> verified) {
        public Entry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(type, "type");
            host = stripDot(Objects.requireNonNull(host, "host").strip().toLowerCase(Locale.ROOT));
            value = Objects.requireNonNull(value, "value").strip();
            if (type == DnsType.CNAME || type == DnsType.MX) {
                value = stripDot(value);
            }
            verified = verified == null ? Optional.empty() : verified;
        }

        public Entry withVerified(Optional<Boolean> v) {
            return new Entry(kind, host, type, value, v);
        }
    }

    public ProvidedRecords {
        Objects.requireNonNull(provider, "provider");
        entries = List.copyOf(entries);
    }

    public List<Entry> of(RecordKind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
