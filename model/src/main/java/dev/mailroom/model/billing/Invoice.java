package dev.mailroom.model.billing;

import dev.mailroom.model.common.TenantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An invoice or credit note for one tenant and month. A draft (preview) has no id and no number.
 *
 * @param volume the month's billable count the usage lines were priced on
 * @param corrects for a credit note, the invoice it corrects
 */
public record Invoice(
        Optional<InvoiceId> id,
        TenantId tenant,
        String tenantName,
        InvoiceKind kind,
        Optional<String> number,
        YearMonth month,
        InvoiceStatus status,
        Currency currency,
        String planName,
        BillableEvent billable,
        long volume,
        List<InvoiceLine> lines,
        BigDecimal subtotal,
        BigDecimal tax,
        BigDecimal total,
        String roundingRule,
        Optional<InvoiceId> corrects,
        String note,
        Optional<Instant> issuedAt,
        Optional<Instant> paidAt,
        Optional<Instant> voidedAt) {
    public Invoice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currency, "currency");
        lines = List.copyOf(lines);
        Objects.requireNonNull(corrects, "corrects");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(paidAt, "paidAt");
        Objects.requireNonNull(voidedAt, "voidedAt");
    }

    public Invoice withIssue(InvoiceId newId, String newNumber, Instant at) {
        return new Invoice(
                Optional.of(newId),
                tenant,
                tenantName,
                kind,
                Optional.of(newNumber),
                month,
                InvoiceStatus.ISSUED,
                currency,
                planName,
                billable,
                volume,
                lines,
                subtotal,
                tax,
                total,
                roundingRule,
                corrects,
                note,
                Optional.of(at),
                paidAt,
                voidedAt);
    }

    /** "INV-000042", or "Draft" before issue. */
    public String displayNumber() {
        return number.orElse("Draft");
    }
}
