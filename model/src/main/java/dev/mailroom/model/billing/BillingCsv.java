package dev.mailroom.model.billing;

import dev.mailroom.model.common.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Invoices as a table for accounting, written as CSV by the console (decision 0043): one row per line,
 * with the invoice's number, tenant, month, status and totals repeated. Amounts are plain decimals (a
 * credit's "-30.00" stays a number; the writer neutralises text cells a spreadsheet would run).
 */
public final class BillingCsv {
    private BillingCsv() {}

    public static final List<String> HEADER = List.of(
            "number",
            "kind",
            "status",
            "tenant",
            "month",
            "currency",
            "line",
            "description",
            "quantity",
            "unit",
            "unit_price",
            "amount",
            "invoice_subtotal",
            "invoice_tax",
            "invoice_total",
            "issued_at",
            "corrects");

    public static Table of(List<Invoice> invoices) {
        List<List<String>> rows = new ArrayList<>();
        for (Invoice inv : invoices) {
            for (InvoiceLine l : inv.lines()) {
                rows.add(List.of(
                        inv.displayNumber(),
                        inv.kind().label(),
                        inv.status().label(),
                        inv.tenantName(),
                        inv.month().toString(),
                        inv.currency().getCurrencyCode(),
                        String.valueOf(l.number()),
                        l.description(),
                        l.quantity().toPlainString(),
                        l.unit(),
                        l.unitPrice().toPlainString(),
                        l.amount().toPlainString(),
                        inv.subtotal().toPlainString(),
                        inv.tax().toPlainString(),
                        inv.total().toPlainString(),
                        inv.issuedAt().map(Object::toString).orElse(""),
                        inv.corrects()
                                .map(c -> invoices.stream()
                                        .filter(i -> i.id().equals(Optional.of(c)))
                                        .map(Invoice::displayNumber)
                                        .findFirst()
                                        .orElse(c.toString()))
                                .orElse("")));
            }
        }
        return new Table(HEADER, rows);
    }
}
