package dev.mailroom.model.billing;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One row of a per-1,000 price table: emails up to {@code upTo} (inclusive; empty for "and more")
 * cost {@code pricePer1000} per 1,000. The tier starts where the one before it ends.
 */
public record Tier(OptionalLong upTo, BigDecimal pricePer1000) {
    public Tier {
        Objects.requireNonNull(upTo, "upTo");
        pricePer1000 = Amounts.normal(Objects.requireNonNull(pricePer1000, "pricePer1000"));
    }

    public static Tier upTo(long emails, String pricePer1000) {
        return new Tier(OptionalLong.of(emails), new BigDecimal(pricePer1000));
    }

    public static Tier andMore(String pricePer1000) {
        return new Tier(OptionalLong.empty(), new BigDecimal(pricePer1000));
    }

    public boolean contains(long volume) {
        return upTo.isEmpty() || volume <= upTo.getAsLong();
    }
}
