package dev.mailroom.model.validation;

import java.util.Map;
import java.util.Optional;

/**
 * Domain names that never receive mail on the public internet: the special-use names of RFC 6761 and
 * its successors (IANA's Special-Use Domain Names registry) and the example domains of RFC 2606.
 */
public final class SpecialUseNames {
    private static final Map<String, String> SUFFIXES = Map.ofEntries(
            Map.entry("invalid", "\".invalid\" is reserved for names that must never resolve (RFC 6761)"),
            Map.entry("test", "\".test\" is reserved for testing (RFC 6761); no mailbox there is real"),
            Map.entry("localhost", "\".localhost\" always means this computer (RFC 6761), not a mail domain"),
            Map.entry("example", "\".example\" is reserved for examples in documentation (RFC 6761)"),
            Map.entry("onion", "\".onion\" names are reachable only through Tor (RFC 7686), not by mail servers"),
            Map.entry("local", "\".local\" names exist only on a local network (multicast DNS, RFC 6762)"),
            Map.entry("alt", "\".alt\" is reserved for names outside DNS (RFC 9476)"),
            Map.entry("internal", "\".internal\" is reserved for private networks (ICANN, 2024)"),
            Map.entry("home.arpa", "\"home.arpa\" names exist only inside a home network (RFC 8375)"),
            Map.entry("arpa", "\".arpa\" holds DNS infrastructure (reverse look-ups), not mailboxes"),
            Map.entry("example.com", "example.com is reserved for examples in documentation (RFC 2606)"),
            Map.entry("example.net", "example.net is reserved for examples in documentation (RFC 2606)"),
            Map.entry("example.org", "example.org is reserved for examples in documentation (RFC 2606)"));

    private SpecialUseNames() {}

    /** Why {@code asciiDomain} receives no mail, when it is (or is under) a special-use name. */
    public static Optional<String> reason(String asciiDomain) {
        String d = asciiDomain;
        while (true) {
            String why = SUFFIXES.get(d);
            if (why != null) {
                return Optional.of(why);
            }
            int dot = d.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            d = d.substring(dot + 1);
        }
    }
}
