package dev.mailroom.model.domains;

import dev.mailroom.model.domains.dkim.DkimKeyRecord;
import dev.mailroom.model.domains.dns.DnsAnswer;
import dev.mailroom.model.domains.dns.DnsLookup;
import dev.mailroom.model.domains.dns.DnsStatus;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.domains.spf.SpfEvaluator;
import dev.mailroom.model.domains.spf.SpfOutcome;
import dev.mailroom.model.domains.spf.SpfRecord;
import dev.mailroom.model.domains.spf.SpfResult;
import dev.mailroom.model.domains.spf.SpfSyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a plan's records against live DNS: per record found, missing or different, with what was
 * expected and what was found. For SPF it also answers the question users have: would mail from the
 * relay's IP address pass SPF for this domain?
 */
public final class RecordVerifier {
    private final DnsLookup dns;
    private final Clock clock;

    public RecordVerifier(DnsLookup dns, Clock clock) {
        this.dns = dns;
        this.clock = clock;
    }

    public List<RecordCheck> verify(RecordPlan plan, Optional<String> relayIp) {
        List<RecordCheck> out = new ArrayList<>();
        for (PlannedRecord r : plan.records()) {
            out.add(verify(plan, r, relayIp));
        }
        return out;
    }

    public RecordCheck verify(RecordPlan plan, PlannedRecord r, Optional<String> relayIp) {
        Instant now = clock.instant();
        DnsAnswer a = dns.lookup(r.host(), r.type());
        if (!a.found() && !a.status().isEmptyAnswer()) {
            return new RecordCheck(
                    r,
                    a.status() == DnsStatus.CNAME_LOOP ? CheckStatus.DIFFERENT : CheckStatus.UNKNOWN,
                    r.value(),
                    List.of(),
                    a.explanation(),
                    now);
        }
        List<String> found = a.values();
        return switch (r.kind()) {
            case SPF -> spf(plan, r, found, relayIp, now);
            case DKIM -> r.type() == DnsType.CNAME ? cname(r, found, now) : dkim(r, found, now);
            case RETURN_PATH, TRACKING -> cname(r, found, now);
            case DMARC -> dmarc(r, found, now);
            case MX -> mx(r, a, now);
            case MTA_STS -> tagged(r, found, "v=STSv1", "MTA-STS", now);
            case TLS_RPT -> tagged(r, found, "v=TLSRPTv1", "TLS-RPT", now);
        };
    }

    private RecordCheck spf(RecordPlan plan, PlannedRecord r, List<String> txt, Optional<String> relayIp, Instant now) {
        List<String> spf = txt.stream().filter(SpfRecord::isSpf).toList();
        String mechanism = mechanismOf(r.value(), r.existing());
        if (spf.isEmpty()) {
            return new RecordCheck(
                    r,
                    CheckStatus.MISSING,
                    r.value(),
                    txt,
                    plan.domain().unicode() + " publishes no SPF record yet.",
                    now);
        }
        if (spf.size() > 1) {
            return new RecordCheck(
                    r,
                    CheckStatus.DIFFERENT,
                    r.value(),
                    spf,
                    plan.domain().unicode() + " publishes " + spf.size()
                            + " SPF records; SPF fails until they are merged into one (the planned value).",
                    now);
        }
        String current = spf.get(0);
        String message;
        CheckStatus status;
        if (mechanism == null || hasTerm(current, mechanism)) {
            status = CheckStatus.FOUND;
            message = "The SPF record includes the relay" + (mechanism == null ? "" : " (" + mechanism + ")") + ".";
        } else {
            status = CheckStatus.DIFFERENT;
            message = "The SPF record does not include " + mechanism + " yet.";
        }
        if (relayIp.isPresent()) {
            SpfOutcome o = new SpfEvaluator(dns, clock)
                    .checkHost(
                            relayIp.get(),
                            plan.domain().ascii(),
                            "postmaster@" + plan.domain().ascii(),
                            plan.domain().ascii());
            message += " Mail from the relay (" + relayIp.get() + ") would "
                    + (o.result() == SpfResult.PASS
                            ? "pass SPF."
                            : "get SPF " + o.result().keyword() + ": " + o.reason());
            if (o.result() != SpfResult.PASS && status == CheckStatus.FOUND) {
                status = CheckStatus.DIFFERENT;
            }
        }
        return new RecordCheck(r, status, r.value(), List.of(current), message, now);
    }

    /** The relay's term: what the plan added to the record (the planned value minus the existing one). */
    private static String mechanismOf(String planned, Optional<String> existing) {
        List<String> mine = terms(planned);
        List<String> before = existing.map(RecordVerifier::terms).orElse(List.of());
        for (String t : mine) {
            String l = t.toLowerCase(Locale.ROOT);
            if (!before.contains(l) && !l.endsWith("all") && (l.contains(":") || l.equals("a") || l.equals("mx"))) {
                return t;
            }
        }
        for (String t : mine) {
            String l = t.toLowerCase(Locale.ROOT);
            if (!l.endsWith("all") && !l.contains("=")) {
                return before.isEmpty() ? t : null;
            }
        }
        return null;
    }

    private static List<String> terms(String record) {
        List<String> out = new ArrayList<>();
        for (String t : record.split("[ |]+")) {
            if (!t.isBlank() && !t.equalsIgnoreCase("v=spf1")) {
                out.add(t.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static boolean hasTerm(String record, String mechanism) {
        String m = mechanism.toLowerCase(Locale.ROOT);
        String plain = m.startsWith("+") ? m.substring(1) : m;
        try {
            return SpfRecord.parse(record).directives().stream()
                    .map(d -> d.text().toLowerCase(Locale.ROOT))
                    .anyMatch(t -> t.equals(plain) || t.equals("+" + plain));
        } catch (SpfSyntaxException e) {
            return terms(record).contains(plain);
        }
    }

    private static RecordCheck dkim(PlannedRecord r, List<String> txt, Instant now) {
        if (txt.isEmpty()) {
            return new RecordCheck(
                    r,
                    CheckStatus.MISSING,
                    r.value(),
                    txt,
                    "No DKIM key record is published at " + r.host() + " yet.",
                    now);
        }
        DkimKeyRecord expected;
        try {
            expected = DkimKeyRecord.parse(r.value());
        } catch (DkimKeyRecord.Invalid e) {
            // a provider's key Mailroom cannot read as a key record: the published text must be the same
            boolean same = txt.stream().anyMatch(v -> squash(v).equals(squash(r.value())));
            return new RecordCheck(
                    r,
                    same ? CheckStatus.FOUND : CheckStatus.DIFFERENT,
                    r.value(),
                    txt,
                    same
                            ? "The DKIM key is published."
                            : "A record is published at " + r.host() + ", but not the value asked for.",
                    now);
        }
        List<String> problems = new ArrayList<>();
        for (String v : txt) {
            try {
                DkimKeyRecord got = DkimKeyRecord.parse(v);
                if (got.sameKeyAs(expected)) {
                    return new RecordCheck(r, CheckStatus.FOUND, r.value(), txt, "The DKIM key is published.", now);
                }
                problems.add(
                        got.revoked()
                                ? "the published record revokes the key (empty p=)"
                                : "the published key is a different key");
            } catch (DkimKeyRecord.Invalid e) {
                String m = e.getMessage();
                m = m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
                problems.add(m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1));
            }
        }
        return new RecordCheck(
                r,
                CheckStatus.DIFFERENT,
                r.value(),
                txt,
                "A record is published at " + r.host()
                        + ", but " + String.join("; ", problems) + ". Copy the value again: a key cut short or with a "
                        + "character missing is the usual cause.",
                now);
    }

    private static RecordCheck cname(PlannedRecord r, List<String> found, Instant now) {
        if (found.isEmpty()) {
            return new RecordCheck(
                    r, CheckStatus.MISSING, r.value(), found, "No CNAME record at " + r.host() + " yet.", now);
        }
        boolean same = found.stream().anyMatch(f -> norm(f).equals(norm(r.value())));
        return new RecordCheck(
                r,
                same ? CheckStatus.FOUND : CheckStatus.DIFFERENT,
                r.value(),
                found,
                same
                        ? r.host() + " points to " + r.value() + "."
                        : r.host() + " points to " + String.join(", ", found) + " instead of " + r.value() + ".",
                now);
    }

    private static RecordCheck dmarc(PlannedRecord r, List<String> txt, Instant now) {
        List<String> dmarc = txt.stream().filter(RecordPlanner::isDmarc).toList();
        if (dmarc.isEmpty()) {
            return new RecordCheck(r, CheckStatus.MISSING, r.value(), txt, "No DMARC record is published yet.", now);
        }
        if (dmarc.size() > 1) {
            return new RecordCheck(
                    r,
                    CheckStatus.DIFFERENT,
                    r.value(),
                    dmarc,
                    dmarc.size() + " DMARC records are published; receivers ignore all of them. Keep one.",
                    now);
        }
        boolean same = squash(dmarc.get(0)).equalsIgnoreCase(squash(r.value()));
        return new RecordCheck(
                r,
                CheckStatus.FOUND,
                r.value(),
                dmarc,
                same
                        ? "The DMARC record is published."
                        : "A DMARC record is published; it differs from Mailroom's suggestion, and it is kept as it is.",
                now);
    }

    private static RecordCheck mx(PlannedRecord r, DnsAnswer a, Instant now) {
        if (!a.found()) {
            return new RecordCheck(
                    r, CheckStatus.MISSING, r.value(), List.of(), "No MX record at " + r.host() + " yet.", now);
        }
        String exchange = r.value().substring(r.value().indexOf(' ') + 1);
        boolean has = a.mxHosts().stream().anyMatch(h -> norm(h).equals(norm(exchange)));
        return new RecordCheck(
                r,
                has ? CheckStatus.FOUND : CheckStatus.DIFFERENT,
                r.value(),
                a.values(),
                has ? "The MX record is published." : "MX records are published, but none points to " + exchange + ".",
                now);
    }

    private static RecordCheck tagged(PlannedRecord r, List<String> txt, String version, String what, Instant now) {
        List<String> mine =
                txt.stream().filter(t -> t.strip().startsWith(version)).toList();
        if (mine.isEmpty()) {
            return new RecordCheck(
                    r, CheckStatus.MISSING, r.value(), txt, "No " + what + " record is published yet.", now);
        }
        if (mine.size() > 1) {
            return new RecordCheck(
                    r,
                    CheckStatus.DIFFERENT,
                    r.value(),
                    mine,
                    mine.size() + " " + what + " records are published; there must be one.",
                    now);
        }
        String got = squash(mine.get(0));
        String want = squash(r.value());
        boolean same = r.kind() == RecordKind.MTA_STS ? got.startsWith("v=STSv1;id=") : got.equalsIgnoreCase(want);
        return new RecordCheck(
                r,
                same ? CheckStatus.FOUND : CheckStatus.DIFFERENT,
                r.value(),
                mine,
                same
                        ? "The " + what + " record is published."
                        : "The " + what + " record differs from the planned value.",
                now);
    }

    private static String norm(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static String squash(String s) {
        String t = s.replaceAll("\\s+", "");
        return t.endsWith(";") ? t.substring(0, t.length() - 1) : t;
    }
}
