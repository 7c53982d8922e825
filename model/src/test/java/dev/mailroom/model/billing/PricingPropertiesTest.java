package dev.mailroom.model.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** The pricing maths, for any valid table and any volume (named *Test so Surefire runs it). */
class PricingPropertiesTest {
    @Provide
    Arbitrary<List<Tier>> tables() {
        // 1–6 tiers: increasing bounds, non-increasing prices with up to 6 decimals, the last open.
        return Combinators.combine(
                        Arbitraries.longs()
                                .between(1, 200_000)
                                .list()
                                .ofMinSize(0)
                                .ofMaxSize(5),
                        Arbitraries.bigDecimals()
                                .between(BigDecimal.ZERO, new BigDecimal("50"))
                                .ofScale(6)
                                .list()
                                .ofSize(6))
                .as((widths, prices) -> {
                    List<BigDecimal> sorted = new ArrayList<>(prices);
                    sorted.sort(java.util.Comparator.reverseOrder());
                    List<Tier> tiers = new ArrayList<>();
                    long bound = 0;
                    for (int i = 0; i < widths.size(); i++) {
                        bound += widths.get(i);
                        tiers.add(new Tier(java.util.OptionalLong.of(bound), sorted.get(i)));
                    }
                    tiers.add(new Tier(java.util.OptionalLong.empty(), sorted.get(widths.size())));
                    return tiers;
                });
    }

    private static BigDecimal exact(Pricing p, long volume) {
        return p.charges(volume).stream().map(Pricing.Charge::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Property
    void graduatedNeverExceedsTheListPriceOfTheTiersItReaches(
            @ForAll("tables") List<Tier> tiers, @ForAll @LongRange(min = 0, max = 2_000_000) long volume) {
        Pricing.Tiered g = new Pricing.Tiered(TierMode.GRADUATED, tiers);
        // The list price of each reached tier: its full width at its rate (the last reached tier up to the volume).
        BigDecimal list = BigDecimal.ZERO;
        long lower = 0;
        for (Tier t : tiers) {
            long top = t.upTo().orElse(Long.MAX_VALUE);
            list = list.add(Pricing.per1000(Math.min(top, volume) - lower, t.pricePer1000()));
            if (volume <= top) {
                break;
            }
            lower = top;
        }
        BigDecimal graduated = exact(g, volume);
        assertThat(graduated).isLessThanOrEqualTo(list);
        // …and never more than every email at the first (dearest) rate, never less than volume pricing.
        assertThat(graduated)
                .isLessThanOrEqualTo(Pricing.per1000(volume, tiers.get(0).pricePer1000()));
        assertThat(graduated).isGreaterThanOrEqualTo(exact(new Pricing.Tiered(TierMode.VOLUME, tiers), volume));
        // Each email is counted in exactly one tier.
        assertThat(g.charges(volume).stream().mapToLong(Pricing.Charge::emails).sum())
                .isEqualTo(volume);
    }

    @Property
    void volumePricingNeverChargesMorePerEmailAsVolumeGrows(
            @ForAll("tables") List<Tier> tiers,
            @ForAll @LongRange(min = 1, max = 2_000_000) long volume,
            @ForAll @LongRange(min = 0, max = 500_000) long more) {
        Pricing.Tiered v = new Pricing.Tiered(TierMode.VOLUME, tiers);
        MathContext mc = MathContext.DECIMAL128;
        BigDecimal perEmail = exact(v, volume).divide(BigDecimal.valueOf(volume), mc);
        BigDecimal perEmailLater = exact(v, volume + more).divide(BigDecimal.valueOf(volume + more), mc);
        assertThat(perEmailLater).isLessThanOrEqualTo(perEmail);
    }

    @Property
    void graduatedTotalsNeverFallAsVolumeGrows(
            @ForAll("tables") List<Tier> tiers,
            @ForAll @LongRange(min = 0, max = 2_000_000) long volume,
            @ForAll @LongRange(min = 0, max = 500_000) long more) {
        Pricing.Tiered g = new Pricing.Tiered(TierMode.GRADUATED, tiers);
        assertThat(exact(g, volume + more)).isGreaterThanOrEqualTo(exact(g, volume));
    }

    @Property
    void everyInvoicesLinesSumToItsTotal(
            @ForAll("tables") List<Tier> tiers,
            @ForAll TierMode mode,
            @ForAll @LongRange(min = 0, max = 5_000_000) long volume,
            @ForAll("money") BigDecimal setup,
            @ForAll("money") BigDecimal retainer,
            @ForAll("rates") BigDecimal tax,
            @ForAll boolean firstInvoice,
            @ForAll("currencies") Currency currency,
            @ForAll("roundings") RoundingMode rounding) {
        PlanTerms terms = new PlanTerms(
                currency, new Pricing.Tiered(mode, tiers), BillableEvent.ACCEPTED, setup, retainer, tax, rounding);
        terms.validate();
        InvoiceCalculator.Computed c = InvoiceCalculator.compute(terms, volume, firstInvoice);

        assertThat(InvoiceCalculator.sum(c.lines())).isEqualByComparingTo(c.total());
        assertThat(c.subtotal().add(c.tax())).isEqualByComparingTo(c.total());
        int digits = currency.getDefaultFractionDigits();
        for (int i = 0; i < c.lines().size(); i++) {
            InvoiceLine line = c.lines().get(i);
            assertThat(line.number()).isEqualTo(i + 1);
            assertThat(line.amount().scale()).isEqualTo(digits);
            assertThat(line.amount().signum()).isGreaterThanOrEqualTo(0);
        }
        // Rounding each line moves the total by at most half a minor unit per line from the exact sum.
        BigDecimal exactUsage = exact(terms.pricing(), volume);
        BigDecimal roundedUsage = c.lines().stream()
                .filter(l -> l.kind() == InvoiceLine.LineKind.USAGE)
                .map(InvoiceLine::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        long usageLines = c.lines().stream()
                .filter(l -> l.kind() == InvoiceLine.LineKind.USAGE)
                .count();
        assertThat(roundedUsage.subtract(exactUsage).abs())
                .isLessThanOrEqualTo(BigDecimal.ONE
                        .movePointLeft(digits)
                        .multiply(BigDecimal.valueOf(usageLines))
                        .divide(BigDecimal.valueOf(2)));
    }

    @Property
    void stepPlansPayTheSmallestSizeHoldingTheVolume(
            @ForAll @LongRange(min = 0, max = 40_000) long volume,
            @ForAll @LongRange(min = 0, max = 20_000) long committed) {
        Pricing.Steps s = new Pricing.Steps(WorkedExampleTest.JANGOMAIL.steps(), committed, new BigDecimal("5"));
        List<Pricing.Charge> c = s.charges(volume);
        long held = Math.max(volume, committed);
        Step largest = s.steps().get(s.steps().size() - 1);
        if (volume <= largest.includedEmails()) {
            assertThat(c).hasSize(1);
            Step paid = s.steps().stream()
                    .filter(st -> st.monthlyPrice().compareTo(c.get(0).amount()) == 0)
                    .findFirst()
                    .orElseThrow();
            assertThat(paid.includedEmails()).isGreaterThanOrEqualTo(Math.min(held, largest.includedEmails()));
            s.steps().stream()
                    .filter(st -> st.includedEmails() >= held)
                    .forEach(st -> assertThat(st.monthlyPrice()).isGreaterThanOrEqualTo(paid.monthlyPrice()));
        } else {
            assertThat(c).hasSize(2);
            assertThat(c.get(1).emails()).isEqualTo(volume - largest.includedEmails());
        }
    }

    @Provide
    Arbitrary<BigDecimal> money() {
        return Arbitraries.bigDecimals()
                .between(BigDecimal.ZERO, new BigDecimal("10000"))
                .ofScale(3);
    }

    @Provide
    Arbitrary<BigDecimal> rates() {
        return Arbitraries.bigDecimals()
                .between(BigDecimal.ZERO, new BigDecimal("30"))
                .ofScale(2);
    }

    @Provide
    Arbitrary<Currency> currencies() {
        return Arbitraries.of("USD", "EUR", "JPY", "GBP", "BHD").map(Currency::getInstance);
    }

    @Provide
    Arbitrary<RoundingMode> roundings() {
        return Arbitraries.of(RoundingMode.HALF_UP, RoundingMode.HALF_EVEN);
    }
}
