package dev.mailroom.model.billing;

import java.math.BigDecimal;
import java.util.Objects;

/** One plan size of a step plan: up to {@code includedEmails} a month for a fixed {@code monthlyPrice}. */
public record Step(long includedEmails, BigDecimal monthlyPrice) {
    public Step {
        monthlyPrice = Amounts.normal(Objects.requireNonNull(monthlyPrice, "monthlyPrice"));
    }

    public static Step of(long includedEmails, String monthlyPrice) {
        return new Step(includedEmails, new BigDecimal(monthlyPrice));
    }
}
