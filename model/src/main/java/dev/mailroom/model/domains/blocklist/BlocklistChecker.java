package dev.mailroom.model.domains.blocklist;

import dev.mailroom.model.domains.dns.DnsAnswer;
import dev.mailroom.model.domains.dns.DnsLookup;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.domains.names.DomainName;
import dev.mailroom.model.domains.spf.IpAddresses;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks DNS blocklists about the relay's IP addresses and the sending domains (RFC 5782): an IPv4 address
 * 192.0.2.5 is asked as {@code 5.2.0.192.zone}, an IPv6 address by its reversed nibbles, a domain as
 * {@code domain.zone}. An answer in 127.0.0.0/8 means listed (its TXT, where the list publishes one, says
 * why); NXDOMAIN means not listed. The codes lists use to refuse a question (127.255.255.x, and URIBL's
 * 127.0.0.1) are reported as errors, not as listings.
 */
public final class BlocklistChecker {
    private final DnsLookup dns;
    private final Clock clock;

    public BlocklistChecker(DnsLookup dns, Clock clock) {
        this.dns = dns;
        this.clock = clock;
    }

    /** Every IP against the IP lists, every domain against the domain lists. */
    public List<BlocklistResult> check(List<Blocklist> lists, List<String> ips, List<DomainName> domains) {
        List<BlocklistResult> out = new ArrayList<>();
        for (Blocklist l : lists) {
            if (l.kind() == Blocklist.Kind.IP) {
                for (String ip : ips) {
                    out.add(checkIp(l, ip));
                }
            } else {
                for (DomainName d : domains) {
                    out.add(checkDomain(l, d));
                }
            }
        }
        return out;
    }

    /** The name to ask: reversed address under the zone (IPv4 octets, IPv6 nibbles). */
    public static Optional<String> queryName(Blocklist list, String ip) {
        return IpAddresses.parse(ip).map(a -> reversed(a) + "." + list.zone());
    }

    public static String queryName(Blocklist list, DomainName domain) {
        return domain.ascii() + "." + list.zone();
    }

    private static String reversed(InetAddress a) {
        String r = IpAddresses.reverseName(a);
        return r.substring(0, r.lastIndexOf(IpAddresses.isV4(a) ? ".in-addr.arpa" : ".ip6.arpa")).toLowerCase(java.util.Locale.ROOT);
    }

    public BlocklistResult checkIp(Blocklist list, String ip) {
        Optional<String> q = queryName(list, ip);
        if (q.isEmpty()) {
            return new BlocklistResult(list, ip, BlocklistResult.Status.ERROR, List.of(), "",
                    "\"" + ip + "\" is not an IP address.", clock.instant());
        }
        return ask(list, ip, q.get());
    }

    public BlocklistResult checkDomain(Blocklist list, DomainName domain) {
        return ask(list, domain.unicode(), queryName(list, domain));
    }

    private BlocklistResult ask(Blocklist list, String subject, String name) {
        DnsAnswer a = dns.lookup(name, DnsType.A);
        if (a.status().isEmptyAnswer()) {
            return new BlocklistResult(list, subject, BlocklistResult.Status.NOT_LISTED, List.of(), "",
                    subject + " is not listed on " + list.name() + ".", clock.instant());
        }
        if (!a.found()) {
            return new BlocklistResult(list, subject, BlocklistResult.Status.ERROR, List.of(), "",
                    list.name() + " could not be asked about " + subject + ": " + a.explanation(), clock.instant());
        }
        List<String> codes = a.values();
        List<String> refusals = codes.stream().filter(c -> refusal(list, c)).toList();
        if (!refusals.isEmpty() && refusals.size() == codes.size()) {
            return new BlocklistResult(list, subject, BlocklistResult.Status.ERROR, codes, "",
                    list.name() + " refused to answer (" + String.join(", ", codes) + "). Lists like this one refuse "
                            + "questions that arrive through big public DNS resolvers or in large numbers: use your own "
                            + "resolver in Settings, or the list's registered-user service.", clock.instant());
        }
        if (codes.stream().noneMatch(c -> c.startsWith("127."))) {
            return new BlocklistResult(list, subject, BlocklistResult.Status.ERROR, codes, "",
                    list.name() + " gave an answer that is not a blocklist code (" + String.join(", ", codes)
                            + "); the zone may have been retired or hijacked. Remove it from the list of blocklists.",
                    clock.instant());
        }
        DnsAnswer txt = dns.lookup(name, DnsType.TXT);
        String reason = txt.found() ? String.join(" ", txt.values()) : "";
        String message = subject + " is listed on " + list.name() + " (" + String.join(", ", codes) + ")"
                + (reason.isEmpty() ? "" : ": " + reason) + ". What to do: find and stop the cause (a compromised "
                + "account, a bad list, a sudden volume change), then ask for removal"
                + (list.lookupUrl().isEmpty() ? "" : " at " + list.lookupUrl()) + ". Mail from "
                + subject + " may be refused or filtered until then.";
        return new BlocklistResult(list, subject, BlocklistResult.Status.LISTED, codes, reason, message, clock.instant());
    }

    private static boolean refusal(Blocklist list, String code) {
        return code.startsWith("127.255.255.") || (list.zone().endsWith("uribl.com") && code.equals("127.0.0.1"));
    }
}
