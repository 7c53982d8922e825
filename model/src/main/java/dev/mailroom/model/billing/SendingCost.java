package dev.mailroom.model.billing;

import dev.mailroom.model.common.InvalidInput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the agency pays a month for one client's sending: the provider plan's (or relay's) monthly
 * price, the emails that price includes, and the overage per 1,000 beyond them. A relay with a flat
 * cost has an overage of zero.
 */
public record SendingCost(Currency currency, BigDecimal monthlyPrice, long includedEmails, BigDecimal overagePer1000) {
    /** Large enough for any real plan, small enough for the store's numeric(20, 6). */
    static final BigDecimal MAX = new BigDecimal("100000000");

    public SendingCost {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(monthlyPrice, "monthlyPrice");
        Objects.requireNonNull(overagePer1000, "overagePer1000");
    }

    /** Throws {@link InvalidInput} naming each field that cannot be right. */
    public void validate() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (monthlyPrice.signum() < 0 || monthlyPrice.compareTo(MAX) > 0) {
            problems.put("costMonthly", "Give the monthly price as an amount from 0 to " + MAX.toPlainString() + ".");
        }
        if (includedEmails < 0) {
            problems.put("costIncluded", "Give the included emails as a whole number, 0 or more.");
        }
        if (overagePer1000.signum() < 0 || overagePer1000.compareTo(MAX) > 0) {
            problems.put("costOverage", "Give the overage per 1,000 as an amount, 0 or more.");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
    }

    /** The month's cost for {@code volume} emails, rounded to the currency's minor unit. */
    public BigDecimal cost(long volume) {
        long over = Math.max(0, volume - includedEmails);
        BigDecimal overage = overagePer1000.multiply(BigDecimal.valueOf(over)).divide(BigDecimal.valueOf(1000));
        int scale = Math.max(0, currency.getDefaultFractionDigits());
        return monthlyPrice.add(overage).setScale(scale, RoundingMode.HALF_UP);
    }
}
