package dev.mailroom.model.sending;

import java.net.IDN;
import java.util.Optional;

/**
 * Addresses as they go on the wire: the domain of an internationalised address (IDN) in its ASCII form
 * ({@code xn--…}, RFC 5891) for the envelope and the headers; a local part that is not ASCII needs a relay
 * offering SMTPUTF8 (RFC 6531), since no ASCII form of it exists.
 */
public final class MailAddresses {
    private MailAddresses() {}

    /** An address ready for the wire, or why it cannot be. */
    public record Normalized(Optional<String> address, String problem) {
        static Normalized ok(String a) {
            return new Normalized(Optional.of(a), "");
        }

        static Normalized refused(String why) {
            return new Normalized(Optional.empty(), why);
        }
    }

    /**
     * The address with its domain converted to ASCII (A-labels); the local part as written. Refused when
     * the domain is not a valid (internationalised) host name.
     */
    public static Normalized normalize(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return Normalized.refused("\"" + address + "\" is not an email address.");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (isAscii(domain)) {
            return Normalized.ok(address);
        }
        try {
            String ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
            if (ascii.isEmpty() || ascii.length() > 253 || !ascii.contains(".")) {
                return Normalized.refused(domainProblem(address));
            }
            return Normalized.ok(local + "@" + ascii);
        } catch (IllegalArgumentException e) {
            return Normalized.refused(domainProblem(address));
        }
    }

    /** True when the local part (before the @) has characters outside ASCII: only SMTPUTF8 can carry it. */
    public static boolean needsSmtpUtf8(String address) {
        int at = address.lastIndexOf('@');
        return !isAscii(at < 0 ? address : address.substring(0, at));
    }

    /** Why an address with a non-ASCII local part is refused when the relay does not offer SMTPUTF8. */
    public static String smtpUtf8Problem(String address, String relay, boolean checked) {
        return "\"" + address + "\" has characters outside ASCII before the @. Such an address needs a relay "
                + "that offers SMTPUTF8 (RFC 6531), and "
                + (checked ? relay + " does not offer it" : "Mailroom could not ask " + relay + " whether it does")
                + ". Not queued: ask the recipient for an ASCII address, or send through another connection.";
    }

    public static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static String domainProblem(String address) {
        return "\"" + address + "\": the part after the @ is not a valid domain name.";
    }
}
