package dev.mailroom.model.domains;

import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.domains.dns.DnsAnswer;
import dev.mailroom.model.domains.dns.DnsLookup;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.domains.names.DomainName;
import dev.mailroom.model.domains.names.PublicSuffixList;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Brand-adjacent names for a client at {@code acme.com} ({@code tryacme.com}, {@code getacme.com},
 * {@code acmehq.com}, …) and, by asking DNS for each name's delegation (NS), which of them appear
 * unregistered. DNS cannot promise that: a registered name may be undelegated, and a registry may hold
 * names back; only a registrar can say for sure.
 */
public final class DomainSuggestions {
    private static final List<String> PREFIXES = List.of("try", "get", "use", "hello", "team");
    private static final List<String> SUFFIXES = List.of("hq", "mail", "app", "news");

    public enum Availability {
        APPEARS_UNREGISTERED("appears unregistered"),
        REGISTERED("registered"),
        UNKNOWN("could not tell");

        private final String label;

        Availability(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record Suggestion(DomainName name, Availability availability, String note) {}

    private final DnsLookup dns;

    public DomainSuggestions(DnsLookup dns) {
        this.dns = dns;
    }

    /** The candidate names for a brand domain, without asking DNS. */
    public static List<DomainName> candidates(DomainName brand) {
        PublicSuffixList psl = PublicSuffixList.bundled();
        String registrable = brand.registrable(psl).ascii();
        int dot = registrable.indexOf('.');
        String label = registrable.substring(0, dot);
        String suffix = registrable.substring(dot + 1);
        if (label.startsWith("xn--")) {
            // Prefixing a punycode label would change the Unicode name unpredictably: use the Unicode form.
            label = java.net.IDN.toUnicode(label);
        }
        Set<String> names = new LinkedHashSet<>();
        for (String p : PREFIXES) {
            names.add(p + label + "." + suffix);
        }
        for (String s : SUFFIXES) {
            names.add(label + s + "." + suffix);
        }
        List<DomainName> out = new ArrayList<>();
        for (String n : names) {
            try {
                out.add(DomainName.parse(n, psl));
            } catch (InvalidInput tooLong) {
                // a label past 63 characters: skip it
            }
        }
        return out;
    }

    /** The candidates with what DNS says about each. */
    public List<Suggestion> suggest(DomainName brand) {
        List<Suggestion> out = new ArrayList<>();
        for (DomainName n : candidates(brand)) {
            DnsAnswer ns = dns.lookup(n.ascii(), DnsType.NS);
            Availability a;
            String note;
            switch (ns.status()) {
                case NXDOMAIN -> {
                    a = Availability.APPEARS_UNREGISTERED;
                    note =
                            "DNS has no such name. It appears unregistered; check with a registrar before promising it to the client.";
                }
                case FOUND, NO_DATA -> {
                    a = Availability.REGISTERED;
                    note = "The name exists in DNS, so someone has registered it.";
                }
                default -> {
                    a = Availability.UNKNOWN;
                    note = ns.explanation();
                }
            }
            out.add(new Suggestion(n, a, note));
        }
        return out;
    }
}
