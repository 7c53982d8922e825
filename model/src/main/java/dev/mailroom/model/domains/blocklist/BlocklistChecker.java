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

    /**
     * The relays the mail leaves from, by host name or address, against the IP lists. A host name is
     * looked up (A and AAAA) and each of its addresses asked, shown as "203.0.113.5 (smtp.relay.com)".
     * Addresses no blocklist can list (loopback, private, link-local) are skipped; a host that cannot be
     * looked up gives an error per list, so a broken relay name is seen rather than silently passing.
     */
    public List<BlocklistResult> checkRelays(List<Blocklist> lists, List<String> hosts) {
        List<Blocklist> ipLists =
                lists.stream().filter(l -> l.kind() == Blocklist.Kind.IP).toList();
        List<BlocklistResult> out = new ArrayList<>();
        if (ipLists.isEmpty()) {
            return out;
        }
        for (String host : new java.util.LinkedHashSet<>(hosts)) {
            Optional<InetAddress> literal = IpAddresses.parse(host);
            if (literal.isPresent()) {
                if (listable(literal.get())) {
                    ipLists.forEach(l -> out.add(checkIp(l, host, host)));
                }
                continue;
            }
            if (host.equalsIgnoreCase("localhost")) {
                continue;
            }
            List<String> addresses = new ArrayList<>();
            String failure = "";
            for (DnsType type : List.of(DnsType.A, DnsType.AAAA)) {
                DnsAnswer a = dns.lookup(host, type);
                if (a.found()) {
                    addresses.addAll(a.values());
                } else if (!a.status().isEmptyAnswer()) {
                    failure = a.explanation();
                }
            }
            if (addresses.isEmpty()) {
                String why = failure.isEmpty() ? "it has no address in DNS" : failure;
                for (Blocklist l : ipLists) {
                    out.add(new BlocklistResult(
                            l,
                            host,
                            BlocklistResult.Status.ERROR,
                            List.of(),
                            "",
                            "The relay " + host + " could not be looked up (" + why + "), so its addresses were not "
                                    + "checked against " + l.name() + ". Check the connection's host name.",
                            clock.instant()));
                }
                continue;
            }
            for (String text : addresses) {
                Optional<InetAddress> ip = IpAddresses.parse(text).filter(BlocklistChecker::listable);
                if (ip.isPresent()) {
                    String shown = IpAddresses.human(ip.get());
                    ipLists.forEach(l -> out.add(checkIp(l, shown, shown + " (" + host + ")")));
                }
            }
        }
        return out;
    }

    /** Only public addresses can be on a blocklist; asking about 10.0.0.5 or ::1 would mean nothing. */
    private static boolean listable(InetAddress a) {
        return !(a.isLoopbackAddress()
                || a.isSiteLocalAddress()
                || a.isLinkLocalAddress()
                || a.isAnyLocalAddress()
                || a.isMulticastAddress()
                || (!IpAddresses.isV4(a) && (a.getAddress()[0] & 0xfe) == 0xfc));
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
        return r.substring(0, r.lastIndexOf(IpAddresses.isV4(a) ? ".in-addr.arpa" : ".ip6.arpa"))
                .toLowerCase(java.util.Locale.ROOT);
    }

    public BlocklistResult checkIp(Blocklist list, String ip) {
        return checkIp(list, ip, ip);
    }

    /** {@code shownAs} names the subject in the result, e.g. "203.0.113.5 (smtp.relay.com)". */
    public BlocklistResult checkIp(Blocklist list, String ip, String shownAs) {
        Optional<String> q = queryName(list, ip);
        if (q.isEmpty()) {
            return new BlocklistResult(
                    list,
                    shownAs,
                    BlocklistResult.Status.ERROR,
                    List.of(),
                    "",
                    "\"" + ip + "\" is not an IP address.",
                    clock.instant());
        }
        return ask(list, shownAs, q.get());
    }

    public BlocklistResult checkDomain(Blocklist list, DomainName domain) {
        return ask(list, domain.unicode(), queryName(list, domain));
    }

    private BlocklistResult ask(Blocklist list, String subject, String name) {
        DnsAnswer a = dns.lookup(name, DnsType.A);
        if (a.status().isEmptyAnswer()) {
            return new BlocklistResult(
                    list,
                    subject,
                    BlocklistResult.Status.NOT_LISTED,
                    List.of(),
                    "",
                    subject + " is not listed on " + list.name() + ".",
                    clock.instant());
        }
        if (!a.found()) {
            return new BlocklistResult(
                    list,
                    subject,
                    BlocklistResult.Status.ERROR,
                    List.of(),
                    "",
                    list.name() + " could not be asked about " + subject + ": " + a.explanation(),
                    clock.instant());
        }
        List<String> codes = a.values();
        List<String> refusals = codes.stream().filter(c -> refusal(list, c)).toList();
        if (!refusals.isEmpty() && refusals.size() == codes.size()) {
            return new BlocklistResult(
                    list,
                    subject,
                    BlocklistResult.Status.ERROR,
                    codes,
                    "",
                    list.name() + " refused to answer (" + String.join(", ", codes) + "). Lists like this one refuse "
                            + "questions that arrive through big public DNS resolvers or in large numbers: use your own "
                            + "resolver in Settings, or the list's registered-user service.",
                    clock.instant());
        }
        if (codes.stream().noneMatch(c -> c.startsWith("127."))) {
            return new BlocklistResult(
                    list,
                    subject,
                    BlocklistResult.Status.ERROR,
                    codes,
                    "",
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
        return new BlocklistResult(
                list, subject, BlocklistResult.Status.LISTED, codes, reason, message, clock.instant());
    }

    private static boolean refusal(Blocklist list, String code) {
        return code.startsWith("127.255.255.") || (list.zone().endsWith("uribl.com") && code.equals("127.0.0.1"));
    }
}
