package dev.mailroom.model.domains.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of one DNS look-up, in a form that both code and people can use.
 *
 * <p>{@code values} hold the records' data as text: an address for A/AAAA, {@code "10 mx.example.com"}
 * for MX (preference, a space, the host), the target for CNAME/NS/PTR, the SOA's fields, and for TXT
 * the record's strings joined with nothing between them (as RFC 7208 and RFC 6376 read them). Host
 * names carry no trailing dot. {@code cnameChain} lists the aliases followed to reach the answer, in
 * order, starting with the name asked for; it is empty when the name was no alias. {@code detail} says
 * which servers were asked and how, for the explanation.
 */
public record DnsAnswer(
        String name, DnsType type, DnsStatus status, List<String> values, List<String> cnameChain, String detail) {

    public DnsAnswer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        values = List.copyOf(values);
        cnameChain = List.copyOf(cnameChain);
        detail = detail == null ? "" : detail;
        if (status == DnsStatus.FOUND && values.isEmpty()) {
            throw new IllegalArgumentException("a FOUND answer needs values");
        }
    }

    public static DnsAnswer found(String name, DnsType type, List<String> values) {
        return new DnsAnswer(name, type, DnsStatus.FOUND, values, List.of(), "");
    }

    public static DnsAnswer of(String name, DnsType type, DnsStatus status) {
        return new DnsAnswer(name, type, status, List.of(), List.of(), "");
    }

    public static DnsAnswer failed(String name, DnsType type, DnsStatus status, String detail) {
        return new DnsAnswer(name, type, status, List.of(), List.of(), detail);
    }

    public DnsAnswer withChain(List<String> chain) {
        return new DnsAnswer(name, type, status, values, chain, detail);
    }

    public boolean found() {
        return status == DnsStatus.FOUND;
    }

    /** For MX answers: the mail hosts in preference order. */
    public List<String> mxHosts() {
        List<String[]> parts = new ArrayList<>();
        for (String v : values) {
            String[] p = v.trim().split("\\s+", 2);
            parts.add(p.length == 2 ? p : new String[] {"0", p[0]});
        }
        parts.sort((a, b) -> Integer.compare(parseInt(a[0]), parseInt(b[0])));
        return parts.stream().map(p -> p[1]).toList();
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** What happened, in words for a person who is not a DNS expert. */
    public String explanation() {
        String what = article(type) + " record for " + name;
        String via = cnameChain.size() > 1 ? " (reached through the alias " + String.join(" → ", cnameChain) + ")" : "";
        String extra = detail.isEmpty() ? "" : " " + detail;
        return switch (status) {
            case FOUND ->
                "Found " + (values.size() == 1 ? what : values.size() + " " + type + " records for " + name) + via
                        + ".";
            case NXDOMAIN ->
                name + " does not exist in DNS (NXDOMAIN)" + via
                        + ": no records of any kind are published under this name. Check the spelling, or add the record at the DNS host.";
            case NO_DATA -> name + " exists in DNS but has no " + type + " record" + via + ".";
            case TIMEOUT ->
                "No DNS server answered the question for " + what + " in time." + extra
                        + " The server may be down, or a firewall may block DNS. This says nothing about whether the record exists; try again, or choose other resolvers in Settings.";
            case SERVER_FAILURE ->
                "The DNS server could not answer for " + what + " (SERVFAIL)." + extra
                        + " It usually means the domain's own name servers are unreachable or its DNSSEC signatures are broken. Try again later; if it persists, ask whoever hosts the domain's DNS.";
            case REFUSED ->
                "The DNS server refused to answer for " + what + " (REFUSED)." + extra
                        + " It may not answer questions from this computer; choose other resolvers in Settings.";
            case CNAME_LOOP ->
                name + " is an alias (CNAME) whose chain never ends"
                        + (cnameChain.isEmpty() ? "" : ": " + String.join(" → ", cnameChain)) + "." + extra
                        + " Fix the CNAME records so that the chain ends at a real record.";
            case BAD_NAME -> "\"" + name + "\" cannot be looked up: it is not a valid DNS name." + extra;
            case ERROR -> "The look-up of " + what + " failed." + extra;
        };
    }

    private static String article(DnsType t) {
        String n = t.name().toLowerCase(Locale.ROOT);
        return (n.startsWith("a") || n.startsWith("m") || n.startsWith("n") || n.startsWith("s"))
                ? "an " + t
                : "a " + t;
    }
}
