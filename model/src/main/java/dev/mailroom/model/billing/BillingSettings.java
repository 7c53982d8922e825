package dev.mailroom.model.billing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The agency's billing settings: the time zone its months are counted in, the prefix of its invoice
 * numbers, and what its invoices and client reports say about the agency (name, details, accent colour).
 */
public record BillingSettings(
        ZoneId zone, String invoicePrefix, String issuerName, String issuerDetails, String accentColor) {
    public static final BillingSettings DEFAULT = new BillingSettings(ZoneId.of("UTC"), "INV-", "", "", "#2563EB");

    public BillingSettings {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(invoicePrefix, "invoicePrefix");
        Objects.requireNonNull(issuerName, "issuerName");
        Objects.requireNonNull(issuerDetails, "issuerDetails");
        Objects.requireNonNull(accentColor, "accentColor");
    }

    /** "INV-000042". */
    public String invoiceNumber(long sequence) {
        return invoicePrefix + String.format("%06d", sequence);
    }

    /**
     * The UTC days whose roll-ups make up {@code month}: the daily roll-ups are kept per UTC day, so a
     * month is its UTC days (decision 0051); the time zone decides when the month is over.
     */
    public static LocalDate firstDay(YearMonth month) {
        return month.atDay(1);
    }

    public static LocalDate dayAfter(YearMonth month) {
        return month.plusMonths(1).atDay(1);
    }
}
