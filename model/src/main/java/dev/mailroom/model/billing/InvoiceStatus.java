package dev.mailroom.model.billing;

/**
 * An invoice's life. Only a preview is a draft; issuing gives the next number, and from then on the
 * lines, amounts and number never change: it may only become paid or void (voiding issues a credit
 * note for the whole amount).
 */
public enum InvoiceStatus {
    DRAFT("Draft"),
    ISSUED("Issued"),
    PAID("Paid"),
    VOID("Void");

    private final String label;

    InvoiceStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
