package dev.mailroom.model.domains.spf;

import dev.mailroom.model.domains.dns.DnsAnswer;
import dev.mailroom.model.domains.dns.DnsLookup;
import dev.mailroom.model.domains.dns.DnsStatus;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.domains.spf.SpfRecord.Directive;
import dev.mailroom.model.domains.spf.SpfRecord.Mechanism;
import dev.mailroom.model.domains.spf.SpfRecord.Modifier;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RFC 7208 {@code check_host()}: would mail from this IP address pass SPF for this domain? It asks DNS
 * through the {@link DnsLookup} port, keeps the limits of 10 DNS-querying terms and 2 void look-ups (both
 * settable), and answers with a result, the reason in plain words and the steps it took.
 */
public final class SpfEvaluator {
    public static final int DEFAULT_LOOKUP_LIMIT = 10;
    public static final int DEFAULT_VOID_LIMIT = 2;
    /** An MX or PTR answer is used for at most this many names (RFC 7208 §4.6.4). */
    static final int MAX_NAMES = 10;

    public static final String DEFAULT_EXPLANATION = "%{o} has not authorised %{c} to send its mail (SPF fail)";

    private static final Pattern LABEL = Pattern.compile("^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$");

    private final DnsLookup dns;
    private final Clock clock;
    private final int lookupLimit;
    private final int voidLimit;
    private final String defaultExplanation;
    private final String receiver;

    public SpfEvaluator(DnsLookup dns, Clock clock) {
        this(dns, clock, DEFAULT_LOOKUP_LIMIT, DEFAULT_VOID_LIMIT, DEFAULT_EXPLANATION, "unknown");
    }

    public SpfEvaluator(
            DnsLookup dns, Clock clock, int lookupLimit, int voidLimit, String defaultExplanation, String receiver) {
        this.dns = dns;
        this.clock = clock;
        this.lookupLimit = lookupLimit;
        this.voidLimit = voidLimit;
        this.defaultExplanation = defaultExplanation;
        this.receiver = receiver;
    }

    private static final class PermError extends Exception {
        private static final long serialVersionUID = 1L;

        PermError(String message) {
            super(message, null, false, false);
        }
    }

    private static final class TempError extends Exception {
        private static final long serialVersionUID = 1L;

        TempError(String message) {
            super(message, null, false, false);
        }
    }

    /** The state of one check: the inputs and the counters shared through includes and redirects. */
    private final class Run {
        final InetAddress ip;
        final String sender;
        final String localPart;
        final String senderDomain;
        final String helo;
        int lookups;
        int voids;
        String validatedName;
        final List<String> trace = new ArrayList<>();
        String decidedBy;
        int depth;

        Run(InetAddress ip, String sender, String helo) {
            this.ip = ip;
            this.sender = sender;
            int at = sender.lastIndexOf('@');
            String lp = at < 0 ? "" : sender.substring(0, at);
            this.localPart = lp.isEmpty() ? "postmaster" : lp;
            this.senderDomain = at < 0 ? sender : sender.substring(at + 1);
            this.helo = helo == null ? "" : helo;
        }

        void countLookup(String term) throws PermError {
            lookups++;
            if (lookups > lookupLimit) {
                throw new PermError("The check needs more than " + lookupLimit + " DNS look-ups (at \"" + term
                        + "\"); RFC 7208 allows " + lookupLimit + ", so receivers treat the record as broken.");
            }
        }

        void countVoid(String term, DnsAnswer a) throws PermError {
            voids++;
            trace.add("  " + a.explanation() + " (void look-up " + voids + ")");
            if (voids > voidLimit) {
                throw new PermError("More than " + voidLimit + " look-ups found nothing (the last at \"" + term
                        + "\"); RFC 7208 allows " + voidLimit + " such void look-ups.");
            }
        }

        void note(String s) {
            trace.add("  ".repeat(depth) + s);
        }
    }

    private record Evaluated(SpfResult result, String reason, Optional<String> explanation) {}

    /**
     * The check as a receiver makes it for a message from {@code ip} with this envelope sender (MAIL FROM)
     * and HELO name: the sender's domain is checked, or the HELO name when the sender is empty.
     */
    public SpfOutcome checkMail(String ip, String mailFrom, String helo) {
        String from = mailFrom == null ? "" : mailFrom.trim();
        String sender;
        String domain;
        if (from.isEmpty()) {
            sender = "postmaster@" + helo;
            domain = helo;
        } else if (from.indexOf('@') < 0) {
            sender = "postmaster@" + from;
            domain = from;
        } else {
            sender = from;
            domain = from.substring(from.lastIndexOf('@') + 1);
        }
        return checkHost(ip, domain, sender, helo);
    }

    /** RFC 7208 §4: check_host(ip, domain, sender). */
    public SpfOutcome checkHost(String ipText, String domain, String sender, String helo) {
        Optional<InetAddress> ip = IpAddresses.parse(ipText);
        if (ip.isEmpty()) {
            return new SpfOutcome(
                    SpfResult.PERMERROR,
                    "\"" + ipText + "\" is not an IP address.",
                    Optional.empty(),
                    Optional.empty(),
                    0,
                    0,
                    List.of());
        }
        Run run = new Run(ip.get(), sender == null ? "" : sender, helo);
        try {
            Evaluated e = evaluate(run, domain, true);
            return new SpfOutcome(
                    e.result(),
                    e.reason(),
                    e.explanation(),
                    Optional.ofNullable(run.decidedBy),
                    run.lookups,
                    run.voids,
                    run.trace);
        } catch (PermError e) {
            run.note("permerror: " + e.getMessage());
            return new SpfOutcome(
                    SpfResult.PERMERROR,
                    e.getMessage(),
                    Optional.empty(),
                    Optional.ofNullable(run.decidedBy),
                    run.lookups,
                    run.voids,
                    run.trace);
        } catch (TempError e) {
            run.note("temperror: " + e.getMessage());
            return new SpfOutcome(
                    SpfResult.TEMPERROR,
                    e.getMessage(),
                    Optional.empty(),
                    Optional.ofNullable(run.decidedBy),
                    run.lookups,
                    run.voids,
                    run.trace);
        }
    }

    /** True for a name SPF can check: several labels, none empty or longer than 63 characters. */
    static boolean isCheckableDomain(String domain) {
        if (domain == null) {
            return false;
        }
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (d.isEmpty() || d.length() > 253) {
            return false;
        }
        String[] labels = d.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String l : labels) {
            if (l.isEmpty() || l.length() > 63) {
                return false;
            }
        }
        return LABEL.matcher(labels[labels.length - 1]).matches();
    }

    private Evaluated evaluate(Run run, String domain, boolean top) throws PermError, TempError {
        if (!isCheckableDomain(domain)) {
            run.note(domain + ": not a domain name SPF can check");
            return new Evaluated(
                    SpfResult.NONE,
                    "\"" + domain + "\" is not a domain name that can have an SPF record.",
                    Optional.empty());
        }
        DnsAnswer txt = dns.txt(domain);
        if (txt.status().isTemporary() || txt.status() == DnsStatus.CNAME_LOOP) {
            throw new TempError(txt.explanation());
        }
        if (txt.status() == DnsStatus.BAD_NAME) {
            return new Evaluated(SpfResult.NONE, txt.explanation(), Optional.empty());
        }
        List<String> spf = txt.values().stream().filter(SpfRecord::isSpf).toList();
        if (spf.isEmpty()) {
            run.note(domain + ": no SPF record");
            return new Evaluated(SpfResult.NONE, domain + " publishes no SPF record.", Optional.empty());
        }
        if (spf.size() > 1) {
            throw new PermError(domain + " publishes " + spf.size()
                    + " SPF records; there must be exactly one (merge them into one record).");
        }
        SpfRecord record;
        try {
            record = SpfRecord.parse(spf.get(0));
        } catch (SpfSyntaxException e) {
            throw new PermError(domain + "'s SPF record is not valid: " + e.getMessage());
        }
        run.note(domain + ": " + record.text());

        for (Directive d : record.directives()) {
            if (matches(run, d, domain)) {
                SpfResult result = d.result();
                run.decidedBy = d.mechanism() == Mechanism.INCLUDE && run.decidedBy != null
                        ? domain + ": " + d.text() + " → " + run.decidedBy
                        : domain + ": " + d.text();
                run.note("matched " + d.text() + " → " + result.keyword());
                Optional<String> exp = Optional.empty();
                if (result == SpfResult.FAIL) {
                    exp = Optional.of(explanation(run, record, domain));
                }
                return new Evaluated(result, reasonFor(run, result, d, domain), exp);
            }
        }
        Optional<Modifier> redirect = record.redirect();
        if (redirect.isPresent()) {
            run.countLookup(redirect.get().text());
            String target = expandDomain(run, redirect.get().value(), domain);
            run.note("redirect to " + target);
            run.depth++;
            Evaluated e = evaluate(run, target, false);
            run.depth--;
            if (e.result() == SpfResult.NONE) {
                throw new PermError(domain + " redirects to " + target + ", which publishes no SPF record.");
            }
            return e;
        }
        run.note("nothing matched → neutral");
        run.decidedBy = null;
        return new Evaluated(
                SpfResult.NEUTRAL,
                "nothing in " + domain + "'s SPF record matched " + IpAddresses.human(run.ip)
                        + ", and it has no \"all\", so the result is neutral.",
                Optional.empty());
    }

    private static String reasonFor(Run run, SpfResult result, Directive d, String domain) {
        String ip = IpAddresses.human(run.ip);
        return switch (result) {
            case PASS -> ip + " is authorised by \"" + d.text() + "\" in " + domain + "'s SPF record.";
            case FAIL -> ip + " is not authorised: it reached \"" + d.text() + "\" in " + domain + "'s SPF record.";
            case SOFTFAIL ->
                ip + " is probably not authorised: it reached \"" + d.text() + "\" in " + domain
                        + "'s SPF record (a soft fail).";
            default -> ip + " reached \"" + d.text() + "\" in " + domain + "'s SPF record, which gives neutral.";
        };
    }

    private boolean matches(Run run, Directive d, String domain) throws PermError, TempError {
        Mechanism m = d.mechanism();
        if (m.queriesDns()) {
            run.countLookup(d.text());
        }
        boolean v4 = IpAddresses.isV4(run.ip);
        switch (m) {
            case ALL:
                return true;
            case IP4:
            case IP6: {
                InetAddress net = IpAddresses.parse(d.network().orElseThrow()).orElseThrow();
                return IpAddresses.inNetwork(run.ip, net, IpAddresses.isV4(net) ? d.cidr4() : d.cidr6());
            }
            case A: {
                String target = target(run, d, domain);
                List<String> addrs = addresses(run, d.text(), target, true);
                return anyInNetwork(run, addrs, v4 ? d.cidr4() : d.cidr6());
            }
            case MX: {
                String target = target(run, d, domain);
                DnsAnswer mx = dns.lookup(target, DnsType.MX);
                if (!usable(run, d.text(), mx, true)) {
                    return false;
                }
                List<String> hosts = mx.mxHosts().stream()
                        .filter(h -> !h.isEmpty() && !h.equals("."))
                        .toList();
                if (hosts.size() > MAX_NAMES) {
                    throw new PermError(target + " has " + hosts.size() + " MX records; SPF's \"mx\" allows at most "
                            + MAX_NAMES + ".");
                }
                for (String host : hosts) {
                    List<String> addrs = addresses(run, d.text(), host, false);
                    if (anyInNetwork(run, addrs, v4 ? d.cidr4() : d.cidr6())) {
                        return true;
                    }
                }
                return false;
            }
            case PTR: {
                String target = target(run, d, domain).toLowerCase(Locale.ROOT);
                for (String name : validatedNames(run, d.text())) {
                    String n = name.toLowerCase(Locale.ROOT);
                    if (n.equals(target) || n.endsWith("." + target)) {
                        return true;
                    }
                }
                return false;
            }
            case EXISTS: {
                String target = target(run, d, domain);
                DnsAnswer a = dns.lookup(target, DnsType.A);
                return usable(run, d.text(), a, true);
            }
            case INCLUDE: {
                String target = target(run, d, domain);
                run.note("include " + target);
                run.depth++;
                Evaluated e = evaluate(run, target, false);
                run.depth--;
                return switch (e.result()) {
                    case PASS -> true;
                    case FAIL, SOFTFAIL, NEUTRAL -> false;
                    case NONE ->
                        throw new PermError("\"" + d.text() + "\": " + target
                                + " publishes no SPF record, and an include of nothing is an error.");
                    default -> throw new IllegalStateException();
                };
            }
            default:
                throw new IllegalStateException(m.name());
        }
    }

    private String target(Run run, Directive d, String domain) throws PermError {
        return d.domainSpec().isPresent() ? expandDomain(run, d.domainSpec().get(), domain) : domain;
    }

    private static boolean anyInNetwork(Run run, List<String> addrs, int prefix) {
        for (String a : addrs) {
            Optional<InetAddress> ip = IpAddresses.parse(a);
            if (ip.isPresent() && IpAddresses.inNetwork(run.ip, ip.get(), prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The A or AAAA addresses of a name, for the client's address family. */
    private List<String> addresses(Run run, String term, String name, boolean countVoid) throws PermError, TempError {
        DnsAnswer a = dns.lookup(name, IpAddresses.isV4(run.ip) ? DnsType.A : DnsType.AAAA);
        return usable(run, term, a, countVoid) ? a.values() : List.of();
    }

    /** Turns DNS failures into temperror, counts void answers; true when the answer has records. */
    private static boolean usable(Run run, String term, DnsAnswer a, boolean countVoid) throws PermError, TempError {
        if (a.found()) {
            return true;
        }
        if (a.status().isTemporary() || a.status() == DnsStatus.CNAME_LOOP) {
            throw new TempError("\"" + term + "\": " + a.explanation());
        }
        if (a.status().isEmptyAnswer() && countVoid) {
            run.countVoid(term, a);
        }
        return false;
    }

    /** The client's validated host names (RFC 7208 §5.5): PTR names whose addresses include the client. */
    private List<String> validatedNames(Run run, String term) throws PermError {
        DnsAnswer ptr = dns.lookup(IpAddresses.reverseName(run.ip), DnsType.PTR);
        if (!ptr.found()) {
            if (ptr.status().isEmptyAnswer()) {
                run.countVoid(term, ptr);
            }
            return List.of(); // a DNS error on the PTR look-up means no match
        }
        List<String> names = new ArrayList<>();
        List<String> candidates = ptr.values();
        for (String name : candidates.subList(0, Math.min(MAX_NAMES, candidates.size()))) {
            DnsAnswer a = dns.lookup(name, IpAddresses.isV4(run.ip) ? DnsType.A : DnsType.AAAA);
            if (a.found() && anyInNetwork(run, a.values(), IpAddresses.isV4(run.ip) ? 32 : 128)) {
                names.add(name);
            }
        }
        return names;
    }

    private String validatedName(Run run) {
        if (run.validatedName == null) {
            String found = "unknown";
            try {
                DnsAnswer ptr = dns.lookup(IpAddresses.reverseName(run.ip), DnsType.PTR);
                if (ptr.found()) {
                    List<String> c = ptr.values();
                    for (String name : c.subList(0, Math.min(MAX_NAMES, c.size()))) {
                        DnsAnswer a = dns.lookup(name, IpAddresses.isV4(run.ip) ? DnsType.A : DnsType.AAAA);
                        if (a.found() && anyInNetwork(run, a.values(), IpAddresses.isV4(run.ip) ? 32 : 128)) {
                            found = name;
                            break;
                        }
                    }
                }
            } catch (RuntimeException e) {
                found = "unknown";
            }
            run.validatedName = found;
        }
        return run.validatedName;
    }

    private String macroValue(Run run, char letter, String domain) {
        return switch (letter) {
            case 's' -> run.sender;
            case 'l' -> run.localPart;
            case 'o' -> run.senderDomain;
            case 'd' -> domain;
            case 'i' -> IpAddresses.dotted(run.ip);
            case 'p' -> validatedName(run);
            case 'v' -> IpAddresses.isV4(run.ip) ? "in-addr" : "ip6";
            case 'h' -> run.helo;
            case 'c' -> IpAddresses.human(run.ip);
            case 'r' -> receiver;
            case 't' -> Long.toString(clock.instant().getEpochSecond());
            default -> "";
        };
    }

    /** Expands a domain-spec and shortens it from the left to 253 characters (RFC 7208 §7.3). */
    private String expandDomain(Run run, String spec, String domain) throws PermError {
        String s;
        try {
            s = SpfMacros.expand(spec, false, c -> macroValue(run, c, domain));
        } catch (SpfSyntaxException e) {
            throw new PermError(e.getMessage());
        }
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        while (s.length() > 253) {
            int dot = s.indexOf('.');
            if (dot < 0) {
                break;
            }
            s = s.substring(dot + 1);
        }
        return s;
    }

    private String explanation(Run run, SpfRecord record, String domain) {
        Optional<Modifier> exp = record.exp();
        if (exp.isPresent()) {
            try {
                String target = expandDomain(run, exp.get().value(), domain);
                DnsAnswer txt = isCheckableDomain(target) ? dns.txt(target) : null;
                if (txt != null && txt.found() && txt.values().size() == 1) {
                    String text = txt.values().get(0);
                    if (text.chars().allMatch(ch -> ch >= 0x20 && ch <= 0x7e)) {
                        return SpfMacros.expand(text, true, c -> macroValue(run, c, domain));
                    }
                }
            } catch (PermError | SpfSyntaxException | RuntimeException e) {
                // any trouble with exp= falls back to the default explanation
            }
        }
        try {
            return SpfMacros.expand(defaultExplanation, true, c -> macroValue(run, c, domain));
        } catch (SpfSyntaxException e) {
            return defaultExplanation;
        }
    }
}
