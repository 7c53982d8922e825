package dev.mailroom.model.domains.blocklist;

import dev.mailroom.model.common.InvalidInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A DNS blocklist (RFC 5782): a zone under which a listed IP address (its octets or nibbles reversed) or
 * a listed domain name has an A record in 127.0.0.0/8. {@code lookupUrl} is where a person can see why
 * something is listed and ask for removal.
 */
public record Blocklist(String name, String zone, Kind kind, String lookupUrl) {
    public enum Kind {
        IP,
        DOMAIN
    }

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
                new Blocklist(
                        "Barracuda", "b.barracudacentral.org", Kind.IP, "https://www.barracudacentral.org/lookups"),
                new Blocklist("PSBL", "psbl.surriel.com", Kind.IP, "https://psbl.org/"),
                new Blocklist("Spamhaus DBL", "dbl.spamhaus.org", Kind.DOMAIN, "https://check.spamhaus.org/"),
                new Blocklist("SURBL", "multi.surbl.org", Kind.DOMAIN, "https://www.surbl.org/surbl-analysis"),
                new Blocklist("URIBL", "multi.uribl.com", Kind.DOMAIN, "https://admin.uribl.com/"));
    }

    private static final Pattern ZONE = Pattern.compile("(?i)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}");

    /**
     * Reads the lists as a person writes them, one a line: {@code name | zone | ip or domain | lookup URL}
     * (the URL optional; blank lines and lines starting with # ignored). A bad line is named by number.
     */
    public static List<Blocklist> parseLines(String text) {
        List<Blocklist> out = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\|", -1);
            String where = "Line " + (i + 1) + " (\"" + line + "\"): ";
            if (parts.length < 3 || parts.length > 4) {
                throw new InvalidInput("blocklists", where + "write name | zone | ip or domain | lookup URL.");
            }
            String name = parts[0].strip();
            String zone = parts[1].strip().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
            String kind = parts[2].strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new InvalidInput("blocklists", where + "the list needs a name.");
            }
            if (!ZONE.matcher(zone).matches() || zone.length() > 200) {
                throw new InvalidInput(
                        "blocklists", where + "\"" + zone + "\" is not a DNS zone such as zen.spamhaus.org.");
            }
            if (!kind.equals("ip") && !kind.equals("domain")) {
                throw new InvalidInput(
                        "blocklists",
                        where + "say whether the list holds ip addresses or domain names (ip or domain).");
            }
            out.add(new Blocklist(
                    name, zone, kind.equals("ip") ? Kind.IP : Kind.DOMAIN, parts.length == 4 ? parts[3].strip() : ""));
        }
        return List.copyOf(out);
    }

    /** The lists in the form {@link #parseLines} reads. */
    public static String toLines(List<Blocklist> lists) {
        StringBuilder sb = new StringBuilder();
        for (Blocklist l : lists) {
            sb.append(l.name())
                    .append(" | ")
                    .append(l.zone())
                    .append(" | ")
                    .append(l.kind() == Kind.IP ? "ip" : "domain");
            if (!l.lookupUrl().isEmpty()) {
                sb.append(" | ").append(l.lookupUrl());
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
