package dev.mailroom.model.billing;

import java.math.BigDecimal;

/** Prices are compared by value: 2.50 and 2.5 are the same price, so plans keep the shortest form. */
final class Amounts {
    private Amounts() {}

    static BigDecimal normal(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
