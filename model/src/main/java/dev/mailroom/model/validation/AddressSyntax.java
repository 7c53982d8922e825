package dev.mailroom.model.validation;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The syntax of an address as mail servers accept it in {@code MAIL FROM}/{@code RCPT TO}: RFC 5321's
 * {@code Mailbox} (dot-atom or quoted local part; a domain name or an address literal), widened by RFC
 * 6531/6532 to UTF-8 in the local part and internationalised domain names (converted with
 * {@link IDN}). What RFC 5322 alone allows (comments, folding white space, obsolete forms such as
 * {@code "a".b}) is refused: no mail server takes it in an envelope. See decision 0055.
 *
 * <p>One pass over the characters, no regular expressions: the work is linear in the input, and input
 * longer than {@link #MAX_INPUT} characters is refused before anything else.
 */
public final class AddressSyntax {
    /** Longer input is refused at once (an address has at most 254 octets; this leaves room for spaces). */
    public static final int MAX_INPUT = 1000;

    /** RFC 5321 §4.5.3.1.1. */
    public static final int MAX_LOCAL_OCTETS = 64;
    /** RFC 5321 §4.5.3.1.2 (255 octets on the wire is 253 characters written). */
    public static final int MAX_DOMAIN = 253;
    /** RFC 5321 §4.5.3.1.3 path of 256 octets, less the angle brackets. */
    public static final int MAX_ADDRESS_OCTETS = 254;

    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private AddressSyntax() {}

    /**
     * An address that passed.
     *
     * @param localPart as written (after NFC), quotes included when quoted
     * @param domainAscii the domain in ASCII (A-labels, lower case), or the literal with its brackets
     * @param domainUnicode the domain as people read it (U-labels), or the literal
     * @param notes what was changed to get here ("removed the dot at the end of the domain")
     */
    public record Parsed(
            String localPart,
            String domainAscii,
            String domainUnicode,
            boolean quotedLocalPart,
            boolean domainLiteral,
            boolean internationalLocalPart,
            List<String> notes) {
        public Parsed {
            notes = List.copyOf(notes);
        }

        /** The address for the wire: the domain in A-labels. */
        public String ascii() {
            return localPart + "@" + domainAscii;
        }

        /** The address as people read it: the domain in U-labels. */
        public String unicode() {
            return localPart + "@" + domainUnicode;
        }

        public boolean internationalDomain() {
            return !domainAscii.equals(domainUnicode);
        }

        /** The domain's labels are all ASCII letters, digits and hyphens, and it has at least one dot. */
        public boolean dotless() {
            return !domainLiteral && domainAscii.indexOf('.') < 0;
        }
    }

    /** The outcome: a parsed address or, in words, why the input is not one. */
    public record Result(Optional<Parsed> parsed, String problem) {
        public Result {
            Objects.requireNonNull(parsed, "parsed");
            problem = problem == null ? "" : problem;
        }

        public boolean valid() {
            return parsed.isPresent();
        }

        static Result ok(Parsed p) {
            return new Result(Optional.of(p), "");
        }

        static Result bad(String why) {
            return new Result(Optional.empty(), why);
        }
    }

    public static Result parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Result.bad("It is empty.");
        }
        if (raw.length() > MAX_INPUT) {
            return Result.bad(
                    "It is " + raw.length() + " characters long; an address has at most " + MAX_ADDRESS_OCTETS + ".");
        }
        List<String> notes = new ArrayList<>();
        String s = strip(raw);
        if (s.length() != raw.length()) {
            notes.add("removed the spaces around it");
        }
        if (s.isEmpty()) {
            return Result.bad("It is only spaces.");
        }
        String nfc = Normalizer.normalize(s, Normalizer.Form.NFC);
        if (!nfc.equals(s)) {
            notes.add("wrote its accented characters in their composed form (Unicode NFC)");
            s = nfc;
        }
        int n = s.length();
        int i = 0;
        boolean quoted = false;
        boolean intlLocal = false;
        if (s.charAt(0) == '"') {
            quoted = true;
            i = 1;
            boolean closed = false;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '\\') {
                    if (i + 1 >= n) {
                        return Result.bad("It ends inside quotes with a backslash.");
                    }
                    char e = s.charAt(i + 1);
                    if (e < 32 || e > 126) {
                        return Result.bad("A backslash in the quotes is followed by " + describe(e)
                                + "; only a visible ASCII character or a space may follow it.");
                    }
                    i += 2;
                } else if (c == '"') {
                    closed = true;
                    i++;
                    break;
                } else if (c >= 32 && c <= 126) {
                    i++;
                } else if (c >= 0x80 && !isControlOrSpace(c)) {
                    intlLocal = true;
                    i++;
                } else {
                    return Result.bad("The quoted part holds " + describe(c) + ", which no mail server accepts.");
                }
            }
            if (!closed) {
                return Result.bad("A quote (\") opens before the @ and never closes.");
            }
            if (i >= n || s.charAt(i) != '@') {
                return Result.bad(
                        i >= n
                                ? "It has no @."
                                : "Something follows the closing quote before the @ (" + describe(s.charAt(i))
                                        + "); mail servers accept a quoted part only as the whole part before the @.");
            }
        } else {
            char prev = 0;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '@') {
                    break;
                }
                if (c == '.') {
                    if (i == 0) {
                        return Result.bad("It starts with a dot; the part before the @ may not.");
                    }
                    if (prev == '.') {
                        return Result.bad("It has two dots in a row before the @.");
                    }
                } else if (c < 0x80) {
                    if (!isAtext(c)) {
                        return Result.bad("The part before the @ holds " + describe(c) + ", which is allowed only "
                                + "inside quotes" + (c < 32 || c == 127 || c == ' ' ? " (and not even there)" : "")
                                + ".");
                    }
                } else if (isControlOrSpace(c)) {
                    return Result.bad("The part before the @ holds " + describe(c) + ".");
                } else {
                    intlLocal = true;
                }
                prev = c;
                i++;
            }
            if (i >= n) {
                return Result.bad("It has no @.");
            }
            if (i == 0) {
                return Result.bad("Nothing comes before the @.");
            }
            if (prev == '.') {
                return Result.bad("The part before the @ ends with a dot.");
            }
        }
        String local = s.substring(0, i);
        int localOctets = local.getBytes(StandardCharsets.UTF_8).length;
        if (localOctets > MAX_LOCAL_OCTETS) {
            return Result.bad("The part before the @ is " + localOctets + " bytes long; mail servers accept at most "
                    + MAX_LOCAL_OCTETS + ".");
        }
        String domain = s.substring(i + 1);
        if (domain.isEmpty()) {
            return Result.bad("Nothing comes after the @.");
        }
        String ascii;
        String unicode;
        boolean literal = false;
        if (domain.charAt(0) == '[') {
            String problem = literalProblem(domain);
            if (problem != null) {
                return Result.bad(problem);
            }
            literal = true;
            ascii = domain;
            unicode = domain;
        } else {
            DomainName dn = domainName(domain, notes);
            if (dn.problem != null) {
                return Result.bad(dn.problem);
            }
            ascii = dn.ascii;
            unicode = dn.unicode;
        }
        int total = localOctets + 1 + ascii.length();
        if (total > MAX_ADDRESS_OCTETS) {
            return Result.bad(
                    "It is " + total + " bytes long; mail servers accept at most " + MAX_ADDRESS_OCTETS + ".");
        }
        return Result.ok(new Parsed(local, ascii, unicode, quoted, literal, intlLocal, notes));
    }

    private record DomainName(String ascii, String unicode, String problem) {}

    private static DomainName domainName(String domain, List<String> notes) {
        String d = domain;
        char last = d.charAt(d.length() - 1);
        if (last == '.' || last == '\u3002' || last == '\uFF0E' || last == '\uFF61') {
            d = d.substring(0, d.length() - 1);
            if (d.isEmpty()) {
                return new DomainName(null, null, "The domain after the @ is only a dot.");
            }
            notes.add("removed the dot at the end of the domain");
        }
        StringBuilder asciiOut = new StringBuilder(d.length());
        int start = 0;
        int n = d.length();
        boolean lowered = false;
        String lastLabel = "";
        for (int k = 0; k <= n; k++) {
            char c = k < n ? d.charAt(k) : '.';
            boolean sep = c == '.' || c == '\u3002' || c == '\uFF0E' || c == '\uFF61';
            if (!sep) {
                continue;
            }
            String label = d.substring(start, k);
            if (label.isEmpty()) {
                return new DomainName(
                        null,
                        null,
                        start == 0 ? "The domain after the @ starts with a dot." : "The domain has two dots in a row.");
            }
            String a;
            if (isAscii(label)) {
                for (int j = 0; j < label.length(); j++) {
                    char ch = label.charAt(j);
                    if (!(isLetter(ch) || isDigit(ch) || ch == '-')) {
                        return new DomainName(
                                null,
                                null,
                                "The domain holds " + describe(ch)
                                        + "; a domain name has only letters, digits, hyphens and dots.");
                    }
                }
                a = label.toLowerCase(Locale.ROOT);
                lowered |= !a.equals(label);
                if (a.startsWith("xn--")) {
                    try {
                        String u = IDN.toUnicode(a, IDN.USE_STD3_ASCII_RULES);
                        if (u.equals(a)
                                || !IDN.toASCII(u, IDN.USE_STD3_ASCII_RULES).equals(a)) {
                            return new DomainName(
                                    null,
                                    null,
                                    "The domain part \"" + label
                                            + "\" looks like an internationalised name (xn--) but does not decode to one.");
                        }
                    } catch (IllegalArgumentException e) {
                        return new DomainName(
                                null,
                                null,
                                "The domain part \"" + label
                                        + "\" looks like an internationalised name (xn--) but does not decode to one.");
                    }
                }
            } else {
                try {
                    a = IDN.toASCII(label, IDN.USE_STD3_ASCII_RULES);
                } catch (IllegalArgumentException e) {
                    return new DomainName(
                            null,
                            null,
                            "The domain part \"" + label
                                    + "\" has characters that cannot be in an internationalised domain name.");
                }
                if (a.isEmpty()) {
                    return new DomainName(null, null, "The domain has an empty part.");
                }
            }
            if (a.length() > 63) {
                return new DomainName(
                        null,
                        null,
                        "A part of the domain is " + a.length()
                                + " characters long; DNS allows at most 63 between dots.");
            }
            if (a.charAt(0) == '-' || a.charAt(a.length() - 1) == '-') {
                return new DomainName(
                        null,
                        null,
                        "A part of the domain (\"" + label + "\") " + (a.charAt(0) == '-' ? "starts" : "ends")
                                + " with a hyphen.");
            }
            if (asciiOut.length() > 0) {
                asciiOut.append('.');
            }
            asciiOut.append(a);
            lastLabel = a;
            start = k + 1;
        }
        if (lowered) {
            notes.add("wrote the domain in lower case");
        }
        String ascii = asciiOut.toString();
        if (ascii.length() > MAX_DOMAIN) {
            return new DomainName(
                    null,
                    null,
                    "The domain is " + ascii.length() + " characters long; DNS allows at most " + MAX_DOMAIN + ".");
        }
        if (allDigits(lastLabel)) {
            return new DomainName(
                    null,
                    null,
                    "The domain ends in a number (\"" + lastLabel
                            + "\"); no top-level domain is a number, and an IP address must be written in brackets, "
                            + "as in [192.0.2.1].");
        }
        String unicode;
        try {
            unicode = IDN.toUnicode(ascii, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            unicode = ascii;
        }
        return new DomainName(ascii, unicode, null);
    }

    /** Null when {@code d} is a valid RFC 5321 address literal ({@code [192.0.2.1]}, {@code [IPv6:…]}). */
    private static String literalProblem(String d) {
        if (d.charAt(d.length() - 1) != ']') {
            return d.indexOf(']') >= 0
                    ? "Something follows the closing bracket of the address literal."
                    : "The address literal ([…]) after the @ never closes.";
        }
        String in = d.substring(1, d.length() - 1);
        for (int k = 0; k < in.length(); k++) {
            char c = in.charAt(k);
            if (c == '[' || c == ']' || c == '\\' || c <= 32 || c >= 127) {
                return "The address literal holds " + describe(c) + ".";
            }
        }
        if (in.regionMatches(true, 0, "IPv6:", 0, 5)) {
            String why = ipv6Problem(in.substring(5));
            return why == null ? null : "The IPv6 address literal is not valid: " + why;
        }
        if (ipv4(in)) {
            return null;
        }
        return "\"" + d + "\" is not an IPv4 address literal such as [192.0.2.1] or an IPv6 one such as "
                + "[IPv6:2001:db8::1]; mail servers accept no other kind.";
    }

    static boolean ipv4(String s) {
        int parts = 0;
        int start = 0;
        for (int k = 0; k <= s.length(); k++) {
            if (k == s.length() || s.charAt(k) == '.') {
                String p = s.substring(start, k);
                if (p.isEmpty() || p.length() > 3 || !allDigits(p) || Integer.parseInt(p) > 255) {
                    return false;
                }
                parts++;
                start = k + 1;
            }
        }
        return parts == 4;
    }

    /** Null when {@code s} is an RFC 5321 IPv6 address (full, compressed, with or without an IPv4 tail). */
    static String ipv6Problem(String s) {
        if (s.isEmpty()) {
            return "it is empty.";
        }
        final int max = 8;
        String body = s;
        int lastColon = s.lastIndexOf(':');
        if (lastColon >= 0 && s.indexOf('.', lastColon) > 0) {
            if (!ipv4(s.substring(lastColon + 1))) {
                return "its IPv4 part is not valid.";
            }
            // The IPv4 tail stands for the last two 16-bit groups.
            body = s.substring(0, lastColon + 1) + "0:0";
        }
        int dbl = body.indexOf("::");
        if (dbl >= 0 && body.indexOf("::", dbl + 1) >= 0) {
            return "\"::\" may appear only once.";
        }
        if (body.startsWith(":") && !body.startsWith("::")) {
            return "it starts with a single colon.";
        }
        if (body.endsWith(":") && !body.endsWith("::")) {
            return "it ends with a single colon.";
        }
        int groups = 0;
        int start = 0;
        for (int k = 0; k <= body.length(); k++) {
            if (k == body.length() || body.charAt(k) == ':') {
                String g = body.substring(start, k);
                if (!g.isEmpty()) {
                    if (g.length() > 4) {
                        return "the group \"" + g + "\" has more than 4 hex digits.";
                    }
                    for (int j = 0; j < g.length(); j++) {
                        if (Character.digit(g.charAt(j), 16) < 0) {
                            return "\"" + g + "\" is not a group of hex digits.";
                        }
                    }
                    groups++;
                }
                start = k + 1;
            }
        }
        if (dbl >= 0) {
            if (groups > max - 1) {
                return "it has too many groups for an address with \"::\".";
            }
        } else if (groups != max) {
            return "it has " + groups + " groups instead of " + max + ".";
        }
        return null;
    }

    private static String strip(String raw) {
        int a = 0;
        int b = raw.length();
        while (a < b && isStrippable(raw.charAt(a))) {
            a++;
        }
        while (b > a && isStrippable(raw.charAt(b - 1))) {
            b--;
        }
        return raw.substring(a, b);
    }

    private static boolean isStrippable(char c) {
        return c == ' '
                || c == '\t'
                || c == '\u00A0'
                || c == '\uFEFF'
                || c == '\u200B'
                || c == '\u2007'
                || c == '\u202F'
                || c == '\u3000';
    }

    static boolean isAtext(char c) {
        return isLetter(c) || isDigit(c) || ATEXT_SPECIALS.indexOf(c) >= 0;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean allDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (!isDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isControlOrSpace(char c) {
        return Character.isISOControl(c)
                || Character.isWhitespace(c)
                || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT;
    }

    /** A character in words, safe to show ("a space", "a line break", "the character \"(\""). */
    static String describe(char c) {
        return switch (c) {
            case ' ' -> "a space";
            case '\t' -> "a tab";
            case '\r', '\n' -> "a line break";
            case '"' -> "a quote (\")";
            default ->
                c < 32 || c == 127 || (c >= 0x80 && c < 0xA0)
                        ? "an invisible control character (U+" + String.format("%04X", (int) c) + ")"
                        : "the character \"" + c + "\"";
        };
    }
}
