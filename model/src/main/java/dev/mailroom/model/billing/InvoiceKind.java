package dev.mailroom.model.billing;

/** An invoice, or a credit note correcting one (negative amounts, its own number in the same sequence). */
public enum InvoiceKind {
    INVOICE("Invoice"),
    CREDIT_NOTE("Credit note");

    private final String label;

    InvoiceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
