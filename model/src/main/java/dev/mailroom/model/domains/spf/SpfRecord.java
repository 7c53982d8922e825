package dev.mailroom.model.domains.spf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SPF record parsed into its terms (RFC 7208 §4.6, §12). Parsing checks the whole record's syntax, so
 * that a record with an error anywhere is refused before anything is evaluated.
 */
public record SpfRecord(String text, List<Term> terms) {
    public SpfRecord {
        terms = List.copyOf(terms);
    }

    /** A directive or a modifier, with the text it was written as. */
    public sealed interface Term permits Directive, Modifier {
        String text();
    }

    public enum Mechanism {
        ALL(false),
        INCLUDE(true),
        A(true),
        MX(true),
        PTR(true),
        IP4(false),
        IP6(false),
        EXISTS(true);

        private final boolean queriesDns;

        Mechanism(boolean queriesDns) {
            this.queriesDns = queriesDns;
        }

        /** Counts toward the limit of 10 DNS-querying terms. */
        public boolean queriesDns() {
            return queriesDns;
        }

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A qualifier and a mechanism. {@code domainSpec} is the unexpanded target for include, a, mx, ptr and
     * exists (absent means the current domain); {@code network} is the address for ip4 and ip6;
     * {@code cidr4}/{@code cidr6} are the prefix lengths (32 and 128 when not written).
     */
    public record Directive(
            char qualifier,
            Mechanism mechanism,
            Optional<String> domainSpec,
            Optional<String> network,
            int cidr4,
            int cidr6,
            String text)
            implements Term {
        public SpfResult result() {
            return SpfResult.ofQualifier(qualifier);
        }
    }

    /** A name=value modifier: redirect, exp, or one Mailroom does not know (which is ignored). */
    public record Modifier(String name, String value, String text) implements Term {}

    private static final Pattern MODIFIER = Pattern.compile("^([A-Za-z][A-Za-z0-9\\-_.]*)=(.*)$", Pattern.DOTALL);
    private static final Pattern MECHANISM = Pattern.compile("^([A-Za-z0-9]+)(.*)$", Pattern.DOTALL);
    private static final Pattern CIDR =
            Pattern.compile("^(.*?)(?:/(0|[1-9][0-9]*))?(?://(0|[1-9][0-9]*))?$", Pattern.DOTALL);
    private static final Pattern QNUM4 = Pattern.compile("^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])){3}$");
    private static final Pattern TOPLABEL =
            Pattern.compile("^([A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9])$");

    /** True for a TXT value that is an SPF record: "v=spf1" alone or followed by a space (any case). */
    public static boolean isSpf(String txt) {
        if (txt == null || txt.length() < 6 || !txt.substring(0, 6).equalsIgnoreCase("v=spf1")) {
            return false;
        }
        return txt.length() == 6 || txt.charAt(6) == ' ';
    }

    public static SpfRecord parse(String txt) throws SpfSyntaxException {
        if (!isSpf(txt)) {
            throw new SpfSyntaxException("It does not start with \"v=spf1\".");
        }
        for (int i = 0; i < txt.length(); i++) {
            char c = txt.charAt(i);
            if (c > 0x7e) {
                throw new SpfSyntaxException("It contains a non-ASCII character (" + String.format("U+%04X", (int) c)
                        + "); SPF records must be plain 7-bit ASCII.");
            }
            if (c < 0x20 || c == 0x7f) {
                throw new SpfSyntaxException("It contains a control character (" + String.format("0x%02X", (int) c)
                        + "); terms must be separated by plain spaces.");
            }
        }
        List<Term> terms = new ArrayList<>();
        boolean redirect = false;
        boolean exp = false;
        for (String raw : txt.substring(6).split(" ")) {
            if (raw.isEmpty()) {
                continue;
            }
            Term t = parseTerm(raw);
            if (t instanceof Modifier m) {
                if (m.name().equals("redirect")) {
                    if (redirect) {
                        throw new SpfSyntaxException("It has two redirect= modifiers; at most one is allowed.");
                    }
                    redirect = true;
                } else if (m.name().equals("exp")) {
                    if (exp) {
                        throw new SpfSyntaxException("It has two exp= modifiers; at most one is allowed.");
                    }
                    exp = true;
                }
            }
            terms.add(t);
        }
        return new SpfRecord(txt, terms);
    }

    private static Term parseTerm(String raw) throws SpfSyntaxException {
        char first = raw.charAt(0);
        boolean qualified = first == '+' || first == '-' || first == '~' || first == '?';
        if (!qualified) {
            Matcher mod = MODIFIER.matcher(raw);
            if (mod.matches()) {
                String name = mod.group(1).toLowerCase(Locale.ROOT);
                String value = mod.group(2);
                if (name.equals("redirect") || name.equals("exp")) {
                    checkDomainSpec(value, name + "=");
                } else {
                    SpfMacros.checkSyntax(value, false);
                }
                return new Modifier(name, value, raw);
            }
        }
        char qualifier = qualified ? first : '+';
        String body = qualified ? raw.substring(1) : raw;
        Matcher mm = MECHANISM.matcher(body);
        if (!mm.matches()) {
            throw new SpfSyntaxException("\"" + raw + "\" is not an SPF mechanism or modifier.");
        }
        String name = mm.group(1).toLowerCase(Locale.ROOT);
        String rest = mm.group(2);
        Mechanism mech;
        try {
            mech = Mechanism.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SpfSyntaxException("\"" + raw + "\" is not an SPF mechanism or modifier.");
        }
        if (!rest.isEmpty() && rest.charAt(0) != ':' && rest.charAt(0) != '/') {
            throw new SpfSyntaxException("\"" + raw + "\" is not an SPF mechanism or modifier.");
        }
        switch (mech) {
            case ALL -> {
                if (!rest.isEmpty()) {
                    throw new SpfSyntaxException("\"" + raw + "\": all takes no argument.");
                }
                return new Directive(qualifier, mech, Optional.empty(), Optional.empty(), 32, 128, raw);
            }
            case INCLUDE, EXISTS -> {
                if (!rest.startsWith(":") || rest.length() == 1) {
                    throw new SpfSyntaxException(
                            "\"" + raw + "\": " + name + " needs a domain (" + name + ":example.com).");
                }
                String spec = rest.substring(1);
                checkDomainSpec(spec, raw);
                return new Directive(qualifier, mech, Optional.of(spec), Optional.empty(), 32, 128, raw);
            }
            case PTR -> {
                Optional<String> spec = Optional.empty();
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":") || rest.length() == 1) {
                        throw new SpfSyntaxException("\"" + raw + "\": ptr takes only a domain (ptr:example.com).");
                    }
                    spec = Optional.of(rest.substring(1));
                    checkDomainSpec(spec.get(), raw);
                }
                return new Directive(qualifier, mech, spec, Optional.empty(), 32, 128, raw);
            }
            case A, MX -> {
                Matcher c = CIDR.matcher(rest);
                if (!c.matches()) {
                    throw new SpfSyntaxException("\"" + raw + "\" is not written correctly.");
                }
                String dom = c.group(1);
                int c4 = c.group(2) == null ? 32 : cidr(c.group(2), 32, raw);
                int c6 = c.group(3) == null ? 128 : cidr(c.group(3), 128, raw);
                Optional<String> spec = Optional.empty();
                if (!dom.isEmpty()) {
                    if (!dom.startsWith(":") || dom.length() == 1) {
                        throw new SpfSyntaxException("\"" + raw + "\" is not written correctly.");
                    }
                    spec = Optional.of(dom.substring(1));
                    checkDomainSpec(spec.get(), raw);
                }
                return new Directive(qualifier, mech, spec, Optional.empty(), c4, c6, raw);
            }
            case IP4 -> {
                if (!rest.startsWith(":")) {
                    throw new SpfSyntaxException("\"" + raw + "\": ip4 needs an address (ip4:192.0.2.0/24).");
                }
                String net = rest.substring(1);
                int c4 = 32;
                int slash = net.indexOf('/');
                if (slash >= 0) {
                    c4 = cidr(net.substring(slash + 1), 32, raw);
                    net = net.substring(0, slash);
                }
                if (!QNUM4.matcher(net).matches()) {
                    throw new SpfSyntaxException("\"" + raw + "\": \"" + net + "\" is not an IPv4 address.");
                }
                return new Directive(qualifier, mech, Optional.empty(), Optional.of(net), c4, 128, raw);
            }
            case IP6 -> {
                if (!rest.startsWith(":")) {
                    throw new SpfSyntaxException("\"" + raw + "\": ip6 needs an address (ip6:2001:db8::/32).");
                }
                String net = rest.substring(1);
                int c6 = 128;
                int slash = net.indexOf('/');
                if (slash >= 0) {
                    c6 = cidr(net.substring(slash + 1), 128, raw);
                    net = net.substring(0, slash);
                }
                if (!net.contains(":") || IpAddresses.parse(net).isEmpty()) {
                    throw new SpfSyntaxException("\"" + raw + "\": \"" + net + "\" is not an IPv6 address.");
                }
                return new Directive(qualifier, mech, Optional.empty(), Optional.of(net), 32, c6, raw);
            }
            default -> throw new IllegalStateException(mech.name());
        }
    }

    private static int cidr(String s, int max, String raw) throws SpfSyntaxException {
        if (!s.matches("0|[1-9][0-9]{0,2}")) {
            throw new SpfSyntaxException("\"" + raw + "\": \"/" + s + "\" is not a prefix length.");
        }
        int v = Integer.parseInt(s);
        if (v > max) {
            throw new SpfSyntaxException("\"" + raw + "\": a prefix length of " + v + " is more than " + max + ".");
        }
        return v;
    }

    /** domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand. */
    static void checkDomainSpec(String spec, String where) throws SpfSyntaxException {
        if (spec.isEmpty()) {
            throw new SpfSyntaxException("\"" + where + "\" needs a domain.");
        }
        SpfMacros.checkSyntax(spec, false);
        if (endsWithMacroExpand(spec)) {
            return;
        }
        String s = spec.endsWith(".") ? spec.substring(0, spec.length() - 1) : spec;
        int dot = s.lastIndexOf('.');
        if (dot < 0 || !TOPLABEL.matcher(s.substring(dot + 1)).matches()) {
            throw new SpfSyntaxException(
                    "\"" + where + "\": \"" + spec + "\" does not end in a valid top-level domain name.");
        }
    }

    private static boolean endsWithMacroExpand(String spec) {
        if (spec.endsWith("}")) {
            int open = spec.lastIndexOf("%{");
            return open >= 0 && spec.indexOf('}', open) == spec.length() - 1;
        }
        // "%%", "%_" and "%-" are macro-expands too, but only when the % is not itself escaped.
        if (spec.length() >= 2 && spec.charAt(spec.length() - 2) == '%') {
            int percents = 0;
            for (int i = spec.length() - 2; i >= 0 && spec.charAt(i) == '%'; i--) {
                percents++;
            }
            return percents % 2 == 1;
        }
        return false;
    }

    public List<Directive> directives() {
        return terms.stream()
                .filter(Directive.class::isInstance)
                .map(Directive.class::cast)
                .toList();
    }

    public Optional<Modifier> modifier(String name) {
        return terms.stream()
                .filter(Modifier.class::isInstance)
                .map(Modifier.class::cast)
                .filter(m -> m.name().equals(name))
                .findFirst();
    }

    public Optional<Modifier> redirect() {
        return modifier("redirect");
    }

    public Optional<Modifier> exp() {
        return modifier("exp");
    }

    /** The "all" directive, if the record has one. */
    public Optional<Directive> all() {
        return directives().stream().filter(d -> d.mechanism() == Mechanism.ALL).findFirst();
    }
}
