package dev.mailroom.model.validation;

import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.domains.BoundedRunner;
import dev.mailroom.model.domains.dns.DnsAnswer;
import dev.mailroom.model.domains.dns.DnsLookup;
import dev.mailroom.model.domains.dns.DnsStatus;
import dev.mailroom.model.domains.dns.DnsType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a domain takes mail, asked over the {@link DnsLookup} port (the configured resolvers): its MX
 * records; with none, its own A, then AAAA record, the implicit MX of RFC 5321 §5.1. A single MX whose
 * host is the root ({@code 0 .}) is a null MX (RFC 7505): no mail. NXDOMAIN means no such domain; a
 * time-out, SERVFAIL or refusal means DNS could not answer (unknown), never "undeliverable".
 */
public final class MailDomainChecker {
    private final DnsLookup dns;

    public MailDomainChecker(DnsLookup dns) {
        this.dns = Objects.requireNonNull(dns, "dns");
    }

    public MailDomainStatus check(String asciiDomain) {
        DnsAnswer mx = dns.lookup(asciiDomain, DnsType.MX);
        switch (mx.status()) {
            case FOUND -> {
                List<String> hosts = new ArrayList<>();
                for (String h : mx.mxHosts()) {
                    if (!isRoot(h)) {
                        hosts.add(h);
                    }
                }
                if (hosts.isEmpty()) {
                    return new MailDomainStatus(
                            MailDomainStatus.Kind.NULL_MX, List.of(), asciiDomain + " publishes a null MX (0 .)");
                }
                return new MailDomainStatus(
                        MailDomainStatus.Kind.ACCEPTS_MAIL, hosts, "MX: " + String.join(", ", hosts));
            }
            case NXDOMAIN -> {
                return new MailDomainStatus(MailDomainStatus.Kind.NO_SUCH_DOMAIN, List.of(), "NXDOMAIN");
            }
            case NO_DATA -> {
                return implicitMx(asciiDomain);
            }
            case CNAME_LOOP, BAD_NAME -> {
                return new MailDomainStatus(MailDomainStatus.Kind.NO_MAIL_HOST, List.of(), mx.explanation());
            }
            default -> {
                return unknown(mx);
            }
        }
    }

    private MailDomainStatus implicitMx(String domain) {
        boolean temporary = false;
        DnsAnswer last = null;
        for (DnsType t : List.of(DnsType.A, DnsType.AAAA)) {
            DnsAnswer a = dns.lookup(domain, t);
            if (a.found()) {
                return new MailDomainStatus(
                        MailDomainStatus.Kind.ACCEPTS_MAIL,
                        List.of(domain),
                        "no MX; its " + t + " record " + a.values().get(0)
                                + " takes mail in its place (RFC 5321 §5.1)");
            }
            if (a.status() == DnsStatus.NXDOMAIN) {
                return new MailDomainStatus(MailDomainStatus.Kind.NO_SUCH_DOMAIN, List.of(), "NXDOMAIN");
            }
            if (a.status().isTemporary()) {
                temporary = true;
                last = a;
            }
        }
        if (temporary) {
            return unknown(last);
        }
        return new MailDomainStatus(MailDomainStatus.Kind.NO_MAIL_HOST, List.of(), "no MX, A or AAAA record");
    }

    private static MailDomainStatus unknown(DnsAnswer a) {
        String why = switch (a.status()) {
            case TIMEOUT -> "no DNS server answered in time";
            case SERVER_FAILURE -> "the DNS server answered SERVFAIL";
            case REFUSED -> "the DNS server refused to answer";
            default -> "the look-up failed";
        };
        return new MailDomainStatus(MailDomainStatus.Kind.UNKNOWN, List.of(), why);
    }

    private static boolean isRoot(String host) {
        return host.isEmpty() || host.equals(".") || host.equals("@");
    }

    /**
     * Checks many domains on at most {@code parallelism} threads, each once; stops starting new ones once
     * cancelled (those are absent from the result).
     */
    public Map<String, MailDomainStatus> checkAll(Collection<String> domains, int parallelism, Cancellation cancel) {
        Map<String, MailDomainStatus> out = new HashMap<>();
        List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(domains));
        List<Map.Entry<String, MailDomainStatus>> results = BoundedRunner.run(
                distinct, parallelism, "address-dns", d -> Map.entry(d, check(d)), (n, r) -> {}, cancel);
        for (Map.Entry<String, MailDomainStatus> e : results) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
