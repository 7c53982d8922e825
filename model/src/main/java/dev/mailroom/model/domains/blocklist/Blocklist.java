package dev.mailroom.model.domains.blocklist;

import java.util.List;
import java.util.Objects;

/**
 * A DNS blocklist (RFC 5782): a zone under which a listed IP address (its octets or nibbles reversed) or
 * a listed domain name has an A record in 127.0.0.0/8. {@code lookupUrl} is where a person can see why
 * something is listed and ask for removal.
 */
public record Blocklist(String name, String zone, Kind kind, String lookupUrl) {
    public enum Kind { IP, DOMAIN }

    public Blocklist {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(kind, "kind");
        lookupUrl = lookupUrl == null ? "" : lookupUrl;
    }

    /**
     * Sensible defaults: widely used lists that answer public look-ups for low volumes. Spamhaus refuses
     * questions that come through large public resolvers (it answers 127.255.255.254), so a console that
     * uses such a resolver should use its own or a Spamhaus DQS zone instead.
     */
    public static List<Blocklist> defaults() {
        return List.of(
                new Blocklist("Spamhaus ZEN", "zen.spamhaus.org", Kind.IP, "https://check.spamhaus.org/"),
                new Blocklist("SpamCop", "bl.spamcop.net", Kind.IP, "https://www.spamcop.net/bl.shtml"),
                new Blocklist("Barracuda", "b.barracudacentral.org", Kind.IP, "https://www.barracudacentral.org/lookups"),
                new Blocklist("PSBL", "psbl.surriel.com", Kind.IP, "https://psbl.org/"),
                new Blocklist("Spamhaus DBL", "dbl.spamhaus.org", Kind.DOMAIN, "https://check.spamhaus.org/"),
                new Blocklist("SURBL", "multi.surbl.org", Kind.DOMAIN, "https://www.surbl.org/surbl-analysis"),
                new Blocklist("URIBL", "multi.uribl.com", Kind.DOMAIN, "https://admin.uribl.com/"));
    }
}
