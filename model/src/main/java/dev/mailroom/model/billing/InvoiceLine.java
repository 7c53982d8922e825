package dev.mailroom.model.billing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One numbered line of an invoice. {@code amount} is already rounded to the currency's minor unit;
 * {@code quantity} × {@code unitPrice} is shown for the reader and is exact before rounding.
 */
public record InvoiceLine(
        int number,
        LineKind kind,
        String description,
        BigDecimal quantity,
        String unit,
        BigDecimal unitPrice,
        BigDecimal amount) {
    public InvoiceLine {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(amount, "amount");
    }

    public enum LineKind {
        SETUP,
        RETAINER,
        USAGE,
        TAX,
        CREDIT
    }
}
