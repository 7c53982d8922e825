package dev.mailroom.app.domains;

import dev.mailroom.app.common.UiSettings;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.Problems;
import dev.mailroom.model.domains.blocklist.Blocklist;
import dev.mailroom.model.domains.dns.ResolverSettings;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The DNS settings of this console, kept in ui.properties: which resolvers to ask, how long to wait and
 * how many look-ups may wait for their answers at once (checking all domains, by hand or on schedule),
 * how often domains are re-checked, which blocklists are asked, and the relay's SPF term and return-path
 * host that new domains start with. A value that cannot be read falls back to its default, so a
 * hand-edited file never stops the console.
 */
public record DnsPreferences(
        String resolvers,
        double timeoutSeconds,
        int lookupsAtOnce,
        double recheckHours,
        List<Blocklist> blocklists,
        String relaySpf,
        String returnPathTarget) {
    /**
     * Look-ups at once by default: 1,000 domains × 6 records at 30 ms an answer take under 5 s (bench/README),
     * while a public resolver sees a burst it tolerates.
     */
    static final int DEFAULT_LOOKUPS_AT_ONCE = 48;

    static final int MAX_LOOKUPS_AT_ONCE = 128;
    static final String DEFAULT_SPF = "include:_spf.relay.example";
    static final String DEFAULT_RETURN_PATH_TARGET = "bounces.relay.example";
    private static final Pattern SPF_TERM = Pattern.compile("(?i)(include:|ip4:|ip6:|a:|mx:|a$|mx$|exists:)\\S*");
    private static final Pattern HOST =
            Pattern.compile("(?i)([a-z0-9_]([a-z0-9-_]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}\\.?");

    public DnsPreferences {
        blocklists = List.copyOf(blocklists);
    }

    public static DnsPreferences defaults() {
        return new DnsPreferences(
                "",
                ResolverSettings.DEFAULT_TIMEOUT.toMillis() / 1000.0,
                DEFAULT_LOOKUPS_AT_ONCE,
                6,
                Blocklist.defaults(),
                DEFAULT_SPF,
                DEFAULT_RETURN_PATH_TARGET);
    }

    public static DnsPreferences from(UiSettings ui) {
        DnsPreferences d = defaults();
        List<Blocklist> lists;
        try {
            lists = ui.get("dns.blocklists")
                    .map(Blocklist::parseLines)
                    .filter(l -> !l.isEmpty())
                    .orElse(d.blocklists());
        } catch (InvalidInput e) {
            lists = d.blocklists();
        }
        String resolvers = ui.get("dns.resolvers").orElse("");
        try {
            ResolverSettings.parse(resolvers, ResolverSettings.DEFAULT_TIMEOUT, 2);
        } catch (InvalidInput e) {
            resolvers = "";
        }
        return new DnsPreferences(
                resolvers,
                ui.getDouble("dns.timeout.seconds")
                        .filter(t -> t > 0 && t <= 30)
                        .orElse(d.timeoutSeconds()),
                ui.getDouble("dns.lookups.atOnce")
                        .filter(n -> n >= 1 && n <= MAX_LOOKUPS_AT_ONCE && n == Math.rint(n))
                        .map(Double::intValue)
                        .orElse(d.lookupsAtOnce()),
                ui.getDouble("dns.recheck.hours")
                        .filter(h -> h >= 0.25 && h <= 24 * 7)
                        .orElse(d.recheckHours()),
                lists,
                ui.get("relay.spf").filter(t -> SPF_TERM.matcher(t).matches()).orElse(d.relaySpf()),
                ui.get("relay.returnPath")
                        .filter(h -> HOST.matcher(h).matches())
                        .orElse(d.returnPathTarget()));
    }

    /**
     * Reads what the person typed in the settings dialog, naming every problem at once (fields:
     * resolvers, timeout, lookups, recheck, blocklists, relaySpf, returnPath).
     */
    public static DnsPreferences read(
            String resolvers,
            String timeout,
            String lookups,
            String recheck,
            String blocklists,
            String relaySpf,
            String returnPath) {
        Problems p = new Problems();
        try {
            ResolverSettings.parse(resolvers, ResolverSettings.DEFAULT_TIMEOUT, 2);
        } catch (InvalidInput e) {
            p.add("resolvers", e.problems().values().iterator().next());
        }
        double t = number(timeout);
        p.check(t > 0 && t <= 30, "timeout", "Write how many seconds to wait for an answer, from 0.1 to 30.");
        double n = number(lookups);
        p.check(
                n >= 1 && n <= MAX_LOOKUPS_AT_ONCE && n == Math.rint(n),
                "lookups",
                "Write a whole number of look-ups at once, from 1 to " + MAX_LOOKUPS_AT_ONCE + ".");
        double h = number(recheck);
        p.check(h >= 0.25 && h <= 24 * 7, "recheck", "Write how many hours between checks, from 0.25 to 168.");
        List<Blocklist> lists = List.of();
        try {
            lists = Blocklist.parseLines(blocklists);
            p.check(!lists.isEmpty(), "blocklists", "Keep at least one blocklist, or restore the defaults.");
        } catch (InvalidInput e) {
            p.add("blocklists", e.problems().values().iterator().next());
        }
        String spf = relaySpf == null ? "" : relaySpf.strip();
        p.check(
                SPF_TERM.matcher(spf).matches(),
                "relaySpf",
                "Write the relay's SPF term, such as include:_spf.relay.example or ip4:203.0.113.10.");
        String rp = returnPath == null ? "" : returnPath.strip();
        p.check(
                HOST.matcher(rp).matches(),
                "returnPath",
                "Write the host the return path points to, such as bounces.relay.example.");
        p.throwIfAny();
        return new DnsPreferences(resolvers.strip(), t, (int) n, h, lists, spf, rp);
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text == null ? "" : text.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    public void writeTo(UiSettings ui) {
        ui.put("dns.resolvers", resolvers);
        ui.put("dns.timeout.seconds", Double.toString(timeoutSeconds));
        ui.put("dns.lookups.atOnce", Integer.toString(lookupsAtOnce));
        ui.put("dns.recheck.hours", Double.toString(recheckHours));
        ui.put("dns.blocklists", Blocklist.toLines(blocklists));
        ui.put("relay.spf", relaySpf);
        ui.put("relay.returnPath", returnPathTarget);
    }

    public ResolverSettings resolverSettings() {
        return ResolverSettings.parse(resolvers, Duration.ofMillis(Math.round(timeoutSeconds * 1000)), 2);
    }

    public Duration recheckEvery() {
        return Duration.ofMinutes(Math.round(recheckHours * 60));
    }
}
