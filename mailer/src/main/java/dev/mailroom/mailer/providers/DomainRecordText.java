package dev.mailroom.mailer.providers;

import dev.mailroom.model.domains.ProvidedRecords;
import dev.mailroom.model.domains.RecordKind;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.providers.SyncFailure;
import java.util.Locale;
import java.util.Optional;

/** Checks what a provider says of a domain's DNS records before any of it reaches the plan or the store. */
public final class DomainRecordText {
    private DomainRecordText() {}

    /** A provider's id of a domain as Mailroom puts it in a path: letters, digits, "-" and "_", at most 64. */
    public static String id(String provider, String id) throws SyncFailure {
        if (id == null || id.isEmpty() || id.length() > 64 || !id.chars().allMatch(DomainRecordText::idChar)) {
            throw new SyncFailure(
                    SyncFailure.Kind.MALFORMED,
                    provider + " gave a domain id Mailroom cannot use (" + shown(id) + ").",
                    Optional.empty());
        }
        return id;
    }

    private static boolean idChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    /** A domain name as the provider spells it: printable, at most 253 characters. */
    public static String name(String provider, String name) throws SyncFailure {
        if (name == null
                || name.isBlank()
                || name.length() > 253
                || name.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new SyncFailure(
                    SyncFailure.Kind.MALFORMED,
                    provider + " gave a domain name Mailroom cannot read (" + shown(name) + ").",
                    Optional.empty());
        }
        return name;
    }

    /**
     * One record, checked: a host of at most 253 printable characters, a type Mailroom knows (TXT, CNAME,
     * MX), a value of at most {@link ProvidedRecords#MAX_VALUE} characters without control characters.
     */
    public static ProvidedRecords.Entry entry(
            String provider, RecordKind kind, String host, String type, String value, Optional<Boolean> verified)
            throws SyncFailure {
        String h = host == null ? "" : host.strip();
        String v = value == null ? "" : value.strip();
        String t = type == null ? "" : type.strip().toUpperCase(Locale.ROOT);
        DnsType dns = switch (t) {
            case "TXT" -> DnsType.TXT;
            case "CNAME" -> DnsType.CNAME;
            case "MX" -> DnsType.MX;
            default -> null;
        };
        boolean hostOk = !h.isEmpty() && h.length() <= 254 && h.chars().allMatch(c -> c > ' ' && c < 127);
        boolean valueOk = !v.isEmpty()
                && v.length() <= ProvidedRecords.MAX_VALUE
                && v.chars().noneMatch(c -> c < ' ' || c == 127);
        if (dns == null || !hostOk || !valueOk) {
            throw new SyncFailure(
                    SyncFailure.Kind.MALFORMED,
                    provider + " sent a " + kind.label() + " record Mailroom cannot read (host " + shown(h) + ", type "
                            + shown(t) + "); nothing of its records was kept.",
                    Optional.empty());
        }
        return new ProvidedRecords.Entry(kind, h, dns, v, verified);
    }

    private static String shown(String s) {
        if (s == null || s.isEmpty()) {
            return "empty";
        }
        String one = s.replaceAll("\\p{Cntrl}", " ");
        return "“" + (one.length() > 40 ? one.substring(0, 40) + "…" : one) + "”";
    }
}
