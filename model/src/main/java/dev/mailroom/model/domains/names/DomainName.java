package dev.mailroom.model.domains.names;

import dev.mailroom.model.common.InvalidInput;
import java.net.IDN;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A domain name as Mailroom keeps it: lower-case ASCII, international names in their punycode
 * ({@code xn--}) form, no trailing dot. {@link #parse(String)} takes what a person types (Unicode is
 * fine, so is a trailing dot) and explains what is wrong with anything else; {@link #unicode()} is the
 * form to show.
 */
public record DomainName(String ascii) implements Comparable<DomainName> {
    public static final String FIELD = "domain";
    private static final Pattern LDH = Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$");
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

    public DomainName {
        Objects.requireNonNull(ascii, "ascii");
    }

    /** Reads and checks a name a person typed; the message of the {@link InvalidInput} says what to fix. */
    public static DomainName parse(String input) {
        return parse(input, PublicSuffixList.bundled());
    }

    public static DomainName parse(String input, PublicSuffixList psl) {
        String s = input == null ? "" : input.strip();
        if (s.isEmpty()) {
            throw bad("Enter a domain name, such as example.com.");
        }
        if (s.contains("@")) {
            throw bad("Enter only the domain, without the part before the @ (example.com, not you@example.com).");
        }
        if (s.contains("://") || s.contains("/")) {
            throw bad("Enter the domain alone, without http:// or a path (example.com).");
        }
        if (s.chars().anyMatch(Character::isWhitespace)) {
            throw bad("A domain name has no spaces.");
        }
        if (s.chars().anyMatch(Character::isISOControl)) {
            throw bad("The name contains an invisible control character; type it again.");
        }
        // IDN treats the ideographic and other Unicode full stops as dots; so do we, before the checks.
        s = s.replace('\u3002', '.').replace('\uFF0E', '.').replace('\uFF61', '.');
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.startsWith(".")) {
            throw bad("\"" + input.strip() + "\" starts with a dot; remove it.");
        }
        if (s.contains("..") || s.isEmpty()) {
            throw bad("\"" + input.strip() + "\" has an empty part between two dots.");
        }
        if (s.startsWith("[") || IPV4.matcher(s).matches() || s.contains(":")) {
            throw bad("\"" + input.strip() + "\" is an IP address; enter a domain name such as example.com.");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(s, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw bad(explainIdn(input.strip(), s));
        }
        String[] labels = ascii.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                throw bad("\"" + input.strip() + "\" has an empty part between two dots.");
            }
            if (label.length() > 63) {
                throw bad("The part \"" + label + "\" is longer than 63 characters, the most DNS allows.");
            }
            if (!LDH.matcher(label).matches()) {
                throw bad("The part \"" + show(label) + "\" may contain only letters, digits and hyphens, "
                        + "and cannot start or end with a hyphen.");
            }
        }
        if (ascii.length() > 253) {
            throw bad("The name is longer than 253 characters, the most DNS allows.");
        }
        if (labels.length < 2) {
            throw bad("\"" + input.strip() + "\" is not a full domain name: add its ending, such as .com.");
        }
        String tld = labels[labels.length - 1];
        if (tld.chars().allMatch(Character::isDigit)) {
            throw bad("\"" + input.strip() + "\" ends in a number, which no domain name does.");
        }
        if (!psl.knowsTld(tld)) {
            throw bad("\"." + show(tld) + "\" is not a known domain ending (top-level domain). Check the spelling.");
        }
        if (psl.registrableDomain(ascii).isEmpty()) {
            throw bad("\"" + show(ascii) + "\" is a public ending shared by many owners (like .com or .co.uk); "
                    + "enter the domain registered under it, such as yourbrand." + show(ascii) + ".");
        }
        return new DomainName(ascii);
    }

    private static String explainIdn(String shown, String s) {
        for (String label : s.split("\\.")) {
            if (label.length() > 63 && label.chars().allMatch(c -> c < 128)) {
                return "The part \"" + label + "\" is longer than 63 characters, the most DNS allows.";
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return "The part \"" + label + "\" starts or ends with a hyphen, which a domain name cannot.";
            }
        }
        if (s.chars().anyMatch(c -> c < 128 && !(Character.isLetterOrDigit(c) || c == '-' || c == '.'))) {
            return "\"" + shown
                    + "\" contains a character a domain name cannot have; use letters, digits, hyphens and dots.";
        }
        return "\"" + shown
                + "\" is not a valid domain name (an international name that cannot be converted, or too long).";
    }

    private static InvalidInput bad(String message) {
        return new InvalidInput(FIELD, message);
    }

    private static String show(String ascii) {
        try {
            return IDN.toUnicode(ascii, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return ascii;
        }
    }

    /** The form to show people: international labels in Unicode. */
    public String unicode() {
        return show(ascii);
    }

    public boolean isInternational() {
        return !unicode().equals(ascii);
    }

    /** The registrable (organisational) domain this name is under, e.g. acme.co.uk for mail.acme.co.uk. */
    public DomainName registrable() {
        return registrable(PublicSuffixList.bundled());
    }

    public DomainName registrable(PublicSuffixList psl) {
        return new DomainName(psl.registrableDomain(ascii).orElse(ascii));
    }

    public boolean isRegistrable() {
        return registrable().equals(this);
    }

    /** A name under this one: {@code sub("_dmarc")} is {@code _dmarc.example.com}. No checks: for DNS look-ups. */
    public String sub(String labels) {
        return labels + "." + ascii;
    }

    @Override
    public int compareTo(DomainName o) {
        return ascii.compareTo(o.ascii);
    }

    @Override
    public String toString() {
        return ascii;
    }
}
