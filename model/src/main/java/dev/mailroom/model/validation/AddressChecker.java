package dev.mailroom.model.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict engine: pure, no I/O. {@link #examine} does everything that needs no network (syntax,
 * normalisation, special-use names, disposable domains, role addresses, typos); {@link #judge} adds what
 * DNS said about the domain and whether the tenant suppresses the address, and gives the verdict with its
 * reasons. Linear in the input's length (input is capped by {@link AddressSyntax#MAX_INPUT}).
 */
public final class AddressChecker {
    private final DisposableDomains disposable;

    public AddressChecker(DisposableDomains disposable) {
        this.disposable = Objects.requireNonNull(disposable, "disposable");
    }

    /** With the bundled list of disposable domains. */
    public static AddressChecker withBundledLists() {
        return new AddressChecker(DisposableDomains.bundled());
    }

    /** What the offline steps found; {@link #domainToLookUp()} is the domain DNS should be asked about. */
    public record Examined(
            String input,
            AddressSyntax.Result syntax,
            Optional<String> domainToLookUp,
            List<Finding> findings,
            List<String> notes,
            Optional<String> suggestion) {
        public Examined {
            findings = List.copyOf(findings);
            notes = List.copyOf(notes);
        }

        public Optional<String> address() {
            return syntax.parsed().map(AddressSyntax.Parsed::ascii);
        }
    }

    /** One reason with the verdict it leads to. */
    public record Finding(Verdict verdict, String reason) {}

    public Examined examine(String input) {
        String in = input == null ? "" : input;
        AddressSyntax.Result syntax = AddressSyntax.parse(in);
        List<Finding> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (syntax.parsed().isEmpty()) {
            findings.add(new Finding(Verdict.UNDELIVERABLE, notAnAddress(in, syntax)));
            return new Examined(in, syntax, Optional.empty(), findings, notes, Optional.empty());
        }
        AddressSyntax.Parsed p = syntax.parsed().get();
        for (String n : p.notes()) {
            notes.add(upperFirst(n) + ".");
        }
        if (p.internationalDomain()) {
            notes.add(
                    "International domain: " + p.domainUnicode() + " is written " + p.domainAscii() + " on the wire.");
        }
        if (p.internationalLocalPart()) {
            notes.add("The part before the @ is not ASCII: it can only be sent through a relay that offers SMTPUTF8"
                    + " (RFC 6531).");
        }
        Optional<String> lookUp = Optional.empty();
        Optional<String> suggestion = Optional.empty();
        if (p.domainLiteral()) {
            findings.add(new Finding(
                    Verdict.RISKY,
                    "The domain is an IP address in brackets (" + p.domainAscii()
                            + "): valid, but most mail servers refuse such addresses and it bypasses DNS."));
        } else {
            String d = p.domainAscii();
            Optional<String> special = SpecialUseNames.reason(d);
            if (special.isPresent()) {
                findings.add(new Finding(Verdict.UNDELIVERABLE, "The domain takes no mail: " + special.get() + "."));
            } else {
                lookUp = Optional.of(d);
                if (p.dotless()) {
                    findings.add(
                            new Finding(
                                    Verdict.RISKY,
                                    "The domain \"" + d
                                            + "\" has no dot: it is a top-level domain on its own, and almost none of those take mail."));
                }
                disposable
                        .match(d)
                        .ifPresent(m -> findings.add(new Finding(
                                Verdict.RISKY,
                                "The domain " + (m.equals(d) ? d : d + " (under " + m + ")")
                                        + " hands out throw-away mailboxes (disposable-email list).")));
                suggestion = TypoSuggestions.suggest(d).map(s -> p.localPart() + "@" + s);
                suggestion.ifPresent(s -> findings.add(
                        new Finding(Verdict.RISKY, "The domain " + d + " looks like a typo: did you mean " + s + "?")));
            }
        }
        if (p.quotedLocalPart()) {
            findings.add(new Finding(
                    Verdict.RISKY,
                    "The part before the @ is in quotes: valid, but many systems" + " cannot handle such addresses."));
        }
        if (RoleAddresses.isRole(p.localPart())) {
            findings.add(new Finding(
                    Verdict.RISKY,
                    "\"" + p.localPart() + "\" is a role address (a function, not a"
                            + " person): often shared or unread, and more likely to complain."));
        }
        if (looksLikeFormula(p.localPart())) {
            findings.add(new Finding(
                    Verdict.RISKY,
                    "It starts with \"" + p.localPart().charAt(0)
                            + "\", like a spreadsheet formula: check that the list was not changed by a spreadsheet."));
        }
        return new Examined(in, syntax, lookUp, findings, notes, suggestion);
    }

    /**
     * Why {@code input} is not an address, in the words of the verdict ("Not an address: …"), for a
     * {@code syntax} result that failed; other checks that refuse rows (the suppression import) use it so
     * that a person reads the same reason everywhere.
     */
    public static String notAnAddress(String input, AddressSyntax.Result syntax) {
        String why = "Not an address: " + lowerFirst(syntax.problem());
        if (looksLikeFormula(input == null ? "" : input)) {
            why += " It looks like a spreadsheet formula.";
        }
        return why;
    }

    /**
     * The verdict: the offline findings, what DNS said about the domain ({@link MailDomainStatus#notChecked()}
     * when it was not asked) and why the tenant suppresses the address, if it does.
     */
    public AddressVerdict judge(Examined e, MailDomainStatus domain, Optional<String> suppressedBecause) {
        List<Finding> findings = new ArrayList<>(e.findings());
        List<String> notes = new ArrayList<>(e.notes());
        MailDomainStatus.Kind kind = e.domainToLookUp().isPresent() ? domain.kind() : MailDomainStatus.Kind.NOT_CHECKED;
        String d = e.domainToLookUp().orElse("");
        switch (kind) {
            case ACCEPTS_MAIL -> {}
            case NULL_MX ->
                findings.add(new Finding(
                        Verdict.UNDELIVERABLE,
                        "The domain " + d + " publishes a null MX (RFC 7505): it says it accepts no mail."));
            case NO_SUCH_DOMAIN ->
                findings.add(new Finding(
                        Verdict.UNDELIVERABLE, "The domain " + d + " does not exist (DNS answered NXDOMAIN)."));
            case NO_MAIL_HOST ->
                findings.add(
                        new Finding(
                                Verdict.UNDELIVERABLE,
                                "The domain " + d
                                        + " exists but has no mail server: no MX record and no address (A/AAAA) to fall back on."));
            case UNKNOWN ->
                findings.add(new Finding(
                        Verdict.UNKNOWN,
                        "DNS could not answer about " + d
                                + (domain.detail().isEmpty() ? "" : " (" + domain.detail() + ")")
                                + "; check again later."));
            case NOT_CHECKED -> {
                if (e.domainToLookUp().isPresent()) {
                    notes.add("The domain was not looked up in DNS.");
                }
            }
        }
        suppressedBecause.ifPresent(why -> findings.add(new Finding(
                Verdict.UNDELIVERABLE, "This tenant suppresses it (" + why + "): Mailroom will not send to it.")));
        findings.sort(Comparator.comparingInt((Finding f) -> -f.verdict().severity()));
        Verdict v = findings.isEmpty() ? Verdict.DELIVERABLE : findings.get(0).verdict();
        Optional<AddressSyntax.Parsed> p = e.syntax().parsed();
        return new AddressVerdict(
                e.input(),
                p.map(AddressSyntax.Parsed::ascii),
                p.map(AddressSyntax.Parsed::unicode).orElse(e.input()),
                v,
                findings.stream().map(Finding::reason).toList(),
                notes,
                e.suggestion(),
                kind);
    }

    /** Offline: everything but DNS and suppressions. */
    public AddressVerdict verdict(String input) {
        return judge(examine(input), MailDomainStatus.notChecked(), Optional.empty());
    }

    /** A cell a spreadsheet would run as a formula: it starts with = + - or @. */
    public static boolean looksLikeFormula(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        char c = s.strip().isEmpty() ? ' ' : s.strip().charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@';
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String upperFirst(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
