package dev.mailroom.model.domains.spf;

import java.util.Locale;

/** The results of RFC 7208 {@code check_host()}. */
public enum SpfResult {
    NONE("no SPF record was found, so SPF says nothing about this sender"),
    NEUTRAL("the domain's SPF record says nothing definite about this IP address"),
    PASS("the IP address is authorised to send for the domain"),
    FAIL("the domain says this IP address is not authorised to send for it"),
    SOFTFAIL("the domain says this IP address is probably not authorised (a weak fail)"),
    TEMPERROR("a temporary DNS error stopped the check; receivers will usually defer or retry"),
    PERMERROR("the domain's SPF record is broken and cannot be evaluated; receivers may treat it as a fail");

    private final String meaning;

    SpfResult(String meaning) {
        this.meaning = meaning;
    }

    /** What the result means, in plain words. */
    public String meaning() {
        return meaning;
    }

    /** The result as RFC 7208 writes it ("pass", "permerror"). */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SpfResult ofQualifier(char q) {
        return switch (q) {
            case '-' -> FAIL;
            case '~' -> SOFTFAIL;
            case '?' -> NEUTRAL;
            default -> PASS;
        };
    }
}
