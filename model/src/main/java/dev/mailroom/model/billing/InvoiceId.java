package dev.mailroom.model.billing;

/** Identifies an invoice or a credit note. */
public record InvoiceId(long value) {
    @Override
    public String toString() {
        return "invoice#" + value;
    }
}
