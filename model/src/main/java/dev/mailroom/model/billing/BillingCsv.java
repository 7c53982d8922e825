package dev.mailroom.model.billing;

import java.util.List;

/**
 * Invoices as CSV for accounting: one row per line, with the invoice's number, tenant, month, status
 * and totals repeated. Formula-safe: a text cell that a spreadsheet would read as a formula (starting
 * with = + - @, tab or carriage return) gets a leading apostrophe; amounts are plain decimals written
 * by us (a credit's "-30.00" stays a number).
 */
public final class BillingCsv {
    private BillingCsv() {}

    public static final String HEADER =
            "number,kind,status,tenant,month,currency,line,description,quantity,unit,unit_price,amount,invoice_subtotal,invoice_tax,invoice_total,issued_at,corrects";

    public static String of(List<Invoice> invoices) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (Invoice inv : invoices) {
            for (InvoiceLine l : inv.lines()) {
                row(
                        out,
                        text(inv.displayNumber()),
                        text(inv.kind().label()),
                        text(inv.status().label()),
                        text(inv.tenantName()),
                        inv.month().toString(),
                        inv.currency().getCurrencyCode(),
                        String.valueOf(l.number()),
                        text(l.description()),
                        l.quantity().toPlainString(),
                        text(l.unit()),
                        l.unitPrice().toPlainString(),
                        l.amount().toPlainString(),
                        inv.subtotal().toPlainString(),
                        inv.tax().toPlainString(),
                        inv.total().toPlainString(),
                        inv.issuedAt().map(Object::toString).orElse(""),
                        inv.corrects()
                                .map(c -> invoices.stream()
                                        .filter(i -> i.id().equals(java.util.Optional.of(c)))
                                        .map(Invoice::displayNumber)
                                        .findFirst()
                                        .orElse(c.toString()))
                                .map(BillingCsv::text)
                                .orElse(""));
            }
        }
        return out.toString();
    }

    /** A text cell: neutralised if a spreadsheet would run it, then quoted if it must be. */
    static String text(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v;
    }

    private static void row(StringBuilder out, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String c = cells[i];
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                out.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                out.append(c);
            }
        }
        out.append("\r\n");
    }
}
