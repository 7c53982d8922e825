package dev.mailroom.model.billing;

import dev.mailroom.model.common.Problems;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * What one version of a price plan charges. Amounts are exact decimals in {@code currency} (ISO 4217);
 * an invoice rounds each line to the currency's minor unit with {@code rounding} and says so.
 *
 * @param setupFee charged once per tenant, on its first invoice
 * @param monthlyRetainer charged every month, whatever the volume
 * @param taxRatePercent e.g. 20 for 20 %; zero for none
 */
public record PlanTerms(
        Currency currency,
        Pricing pricing,
        BillableEvent billable,
        BigDecimal setupFee,
        BigDecimal monthlyRetainer,
        BigDecimal taxRatePercent,
        RoundingMode rounding) {
    public static final List<RoundingMode> ROUNDING_MODES = List.of(RoundingMode.HALF_UP, RoundingMode.HALF_EVEN);
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");

    public PlanTerms {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(pricing, "pricing");
        Objects.requireNonNull(billable, "billable");
        setupFee = Amounts.normal(Objects.requireNonNull(setupFee, "setupFee"));
        monthlyRetainer = Amounts.normal(Objects.requireNonNull(monthlyRetainer, "monthlyRetainer"));
        taxRatePercent = Amounts.normal(Objects.requireNonNull(taxRatePercent, "taxRatePercent"));
        Objects.requireNonNull(rounding, "rounding");
    }

    /** PRODUCT.md §8's table, volume pricing, in US dollars, accepted emails billed, no fees, no tax. */
    public static PlanTerms productDefault() {
        return new PlanTerms(
                Currency.getInstance("USD"),
                new Pricing.Tiered(TierMode.VOLUME, DEFAULT_TIERS),
                BillableEvent.ACCEPTED,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                RoundingMode.HALF_UP);
    }

    /**
     * PRODUCT.md §8. The table ends at 500,000; a month beyond it pays the last listed rate (an open
     * tier), so that no volume is left without a price.
     */
    public static final List<Tier> DEFAULT_TIERS = List.of(
            Tier.upTo(5_000, "2.50"),
            Tier.upTo(10_000, "2.40"),
            Tier.upTo(25_000, "2.20"),
            Tier.upTo(50_000, "2.00"),
            Tier.upTo(100_000, "1.80"),
            Tier.upTo(250_000, "1.50"),
            Tier.upTo(500_000, "1.10"),
            Tier.andMore("1.10"));

    /** The sentence every invoice carries. */
    public String roundingRule() {
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        String unit = digits == 0
                ? "1 " + currency.getCurrencyCode()
                : BigDecimal.ONE.movePointLeft(digits).toPlainString() + " " + currency.getCurrencyCode();
        String how = rounding == RoundingMode.HALF_EVEN ? "half to even" : "half up";
        return "Each line is rounded to " + unit + " (" + how + "); tax is charged on the sum of the rounded lines"
                + " and rounded the same way; the total is the sum of the lines.";
    }

    /** Checks a plan a person typed; throws {@link dev.mailroom.model.common.InvalidInput} naming each field. */
    public void validate() {
        Problems p = new Problems();
        p.check(ROUNDING_MODES.contains(rounding), "rounding", "Round half up or half to even.");
        checkAmount(p, "setupFee", "The setup fee", setupFee);
        checkAmount(p, "retainer", "The retainer", monthlyRetainer);
        p.check(
                taxRatePercent.signum() >= 0 && taxRatePercent.compareTo(BigDecimal.valueOf(100)) <= 0,
                "taxRate",
                "The tax rate is a percentage from 0 to 100.");
        p.check(taxRatePercent.scale() <= 4, "taxRate", "Give the tax rate with at most 4 decimals.");
        if (pricing instanceof Pricing.Tiered t) {
            validateTiers(p, t.tiers());
        } else if (pricing instanceof Pricing.Steps s) {
            validateSteps(p, s);
        }
        p.throwIfAny();
    }

    private static void validateTiers(Problems p, List<Tier> tiers) {
        if (tiers.isEmpty()) {
            p.add("tiers", "A price table needs at least one tier.");
            return;
        }
        long previous = 0;
        BigDecimal previousPrice = null;
        for (int i = 0; i < tiers.size(); i++) {
            Tier t = tiers.get(i);
            String row = "Tier " + (i + 1);
            boolean last = i == tiers.size() - 1;
            if (t.upTo().isEmpty() && !last) {
                p.add("tiers", row + " is open-ended, so it must be the last.");
            }
            if (t.upTo().isPresent() && t.upTo().getAsLong() <= previous) {
                p.add("tiers", row + " must end above " + String.format("%,d", previous) + " emails.");
            }
            checkAmount(p, "tiers", row + "'s price", t.pricePer1000());
            if (previousPrice != null && t.pricePer1000().compareTo(previousPrice) > 0) {
                p.add(
                        "tiers",
                        row
                                + " costs more per 1,000 than the tier below it; higher tiers may only cost the same or less.");
            }
            previousPrice = t.pricePer1000();
            previous = t.upTo().orElse(Long.MAX_VALUE);
        }
        if (tiers.get(tiers.size() - 1).upTo().isPresent()) {
            p.add("tiers", "The last tier must be open-ended (\"and more\"), so every volume has a price.");
        }
    }

    private static void validateSteps(Problems p, Pricing.Steps s) {
        if (s.steps().isEmpty()) {
            p.add("steps", "A step plan needs at least one plan size.");
            return;
        }
        long previous = 0;
        BigDecimal previousPrice = BigDecimal.ZERO;
        for (int i = 0; i < s.steps().size(); i++) {
            Step st = s.steps().get(i);
            String row = "Size " + (i + 1);
            if (st.includedEmails() <= previous) {
                p.add("steps", row + " must hold more than " + String.format("%,d", previous) + " emails.");
            }
            checkAmount(p, "steps", row + "'s price", st.monthlyPrice());
            if (st.monthlyPrice().compareTo(previousPrice) < 0) {
                p.add("steps", row + " costs less than the size below it.");
            }
            previous = st.includedEmails();
            previousPrice = st.monthlyPrice();
        }
        p.check(s.committedEmails() >= 0, "committed", "The committed volume cannot be negative.");
        p.check(
                s.committedEmails() <= previous,
                "committed",
                "The committed volume cannot be above the largest plan size (" + String.format("%,d", previous) + ").");
        checkAmount(p, "overage", "The overage price", s.overagePer1000());
    }

    private static void checkAmount(Problems p, String field, String what, BigDecimal amount) {
        if (amount.signum() < 0) {
            p.add(field, what + " cannot be negative.");
        } else if (amount.compareTo(MAX_AMOUNT) >= 0) {
            p.add(field, what + " is too large.");
        } else if (amount.stripTrailingZeros().scale() > 6) {
            p.add(field, what + " has more than 6 decimals.");
        }
    }
}
