package dev.mailroom.model.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.billing.InvoiceLine.LineKind;
import dev.mailroom.model.common.InvalidInput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The numbers of the JangoMail seed and of PRODUCT.md §8's table, as the issue states them. */
class WorkedExampleTest {
    /** JangoMail's plan sizes named in the seed, with a committed base of 5,000 a month. */
    static final Pricing.Steps JANGOMAIL = new Pricing.Steps(
            List.of(Step.of(2_500, "15"), Step.of(8_500, "45"), Step.of(12_000, "60"), Step.of(18_000, "90")),
            5_000,
            new BigDecimal("5.00"));

    @Test
    void threeAccountsOnTheirOwnPlansPay120AndPooledTheyPay90() {
        Map<String, Long> volumes = new LinkedHashMap<>();
        volumes.put("agencydemo", 9_000L);
        volumes.put("agency1", 5_300L);
        volumes.put("agency2", 1_700L);
        // On their own, nobody has a committed base: each pays the smallest size that holds its month.
        Pricing.Steps alone = new Pricing.Steps(JANGOMAIL.steps(), 0, JANGOMAIL.overagePer1000());

        PooledVolume separately = PooledVolume.compare(alone, volumes, 2, RoundingMode.HALF_UP);
        PooledVolume pooled = PooledVolume.compare(JANGOMAIL, volumes, 2, RoundingMode.HALF_UP);

        assertThat(separately.separately())
                .containsEntry("agencydemo", new BigDecimal("60.00"))
                .containsEntry("agency1", new BigDecimal("45.00"))
                .containsEntry("agency2", new BigDecimal("15.00"));
        assertThat(separately.separatelyTotal()).isEqualByComparingTo("120");
        assertThat(pooled.combinedVolume()).isEqualTo(16_000);
        assertThat(pooled.pooled()).isEqualByComparingTo("90");
        assertThat(alone.charges(9_000).get(0).description()).isEqualTo("plan of 12,000 emails a month");
        assertThat(alone.charges(5_300).get(0).description()).isEqualTo("plan of 8,500 emails a month");
        assertThat(alone.charges(1_700).get(0).description()).isEqualTo("plan of 2,500 emails a month");
        assertThat(JANGOMAIL.charges(16_000).get(0).description()).isEqualTo("plan of 18,000 emails a month");
    }

    @Test
    void theCommittedBaseIsPaidEvenInAQuietMonth() {
        // 1,000 emails on a 5,000 commitment: the smallest size holding 5,000 is 8,500 at $45.
        assertThat(Pricing.total(JANGOMAIL, 1_000, 2, RoundingMode.HALF_UP)).isEqualByComparingTo("45");
    }

    @Test
    void aboveTheLargestSizeEachEmailPaysTheOverage() {
        List<Pricing.Charge> c = JANGOMAIL.charges(20_500);
        assertThat(c).hasSize(2);
        assertThat(c.get(1).emails()).isEqualTo(2_500);
        assertThat(c.get(1).amount()).isEqualByComparingTo("12.5");
        assertThat(Pricing.total(JANGOMAIL, 20_500, 2, RoundingMode.HALF_UP)).isEqualByComparingTo("102.50");
    }

    @Test
    void theSetupFeeIs30PerSubAccountOnItsFirstInvoice() {
        PlanTerms terms = new PlanTerms(
                Currency.getInstance("USD"),
                JANGOMAIL,
                BillableEvent.ACCEPTED,
                new BigDecimal("30"),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                RoundingMode.HALF_UP);
        InvoiceCalculator.Computed first = InvoiceCalculator.compute(terms, 16_000, true);
        InvoiceCalculator.Computed later = InvoiceCalculator.compute(terms, 16_000, false);

        assertThat(first.lines()).extracting(InvoiceLine::kind).containsExactly(LineKind.SETUP, LineKind.USAGE);
        assertThat(first.total()).isEqualByComparingTo("120.00");
        assertThat(later.total()).isEqualByComparingTo("90.00");
        // Three sub-accounts set up: 3 × $30.
        assertThat(first.lines().get(0).amount().multiply(BigDecimal.valueOf(3)))
                .isEqualByComparingTo("90");
    }

    @Test
    void productTable16000EmailsCost35_20OnVolumePricingAnd37_70Graduated() {
        Pricing volume = new Pricing.Tiered(TierMode.VOLUME, PlanTerms.DEFAULT_TIERS);
        Pricing graduated = new Pricing.Tiered(TierMode.GRADUATED, PlanTerms.DEFAULT_TIERS);

        assertThat(Pricing.total(volume, 16_000, 2, RoundingMode.HALF_UP)).isEqualTo(new BigDecimal("35.20"));
        assertThat(Pricing.total(graduated, 16_000, 2, RoundingMode.HALF_UP)).isEqualTo(new BigDecimal("37.70"));
        assertThat(graduated.charges(16_000))
                .extracting(Pricing.Charge::emails, c -> c.amount().stripTrailingZeros())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(5_000L, new BigDecimal("12.5")),
                        org.assertj.core.groups.Tuple.tuple(5_000L, new BigDecimal("12")),
                        org.assertj.core.groups.Tuple.tuple(6_000L, new BigDecimal("13.2")));
    }

    @Test
    void anInvoiceOnTheDefaultPlanWithRetainerAndTaxAddsUp() {
        PlanTerms t = PlanTerms.productDefault();
        PlanTerms taxed = new PlanTerms(
                t.currency(),
                t.pricing(),
                t.billable(),
                new BigDecimal("30"),
                new BigDecimal("49.99"),
                new BigDecimal("20"),
                t.rounding());
        InvoiceCalculator.Computed c = InvoiceCalculator.compute(taxed, 16_000, true);

        assertThat(c.lines()).extracting(InvoiceLine::number).containsExactly(1, 2, 3, 4);
        assertThat(c.subtotal()).isEqualTo(new BigDecimal("115.19"));
        assertThat(c.tax()).isEqualTo(new BigDecimal("23.04")); // 23.038 half up
        assertThat(c.total()).isEqualTo(new BigDecimal("138.23"));
        assertThat(InvoiceCalculator.sum(c.lines())).isEqualTo(c.total());
        assertThat(taxed.roundingRule()).contains("0.01 USD").contains("half up");
    }

    @Test
    void currenciesWithoutMinorUnitsRoundToWholeUnits() {
        PlanTerms t = PlanTerms.productDefault();
        PlanTerms yen = new PlanTerms(
                Currency.getInstance("JPY"),
                new Pricing.Tiered(TierMode.VOLUME, List.of(Tier.andMore("350"))),
                t.billable(),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                RoundingMode.HALF_EVEN);
        // 1,234 × 350 / 1,000 = 431.9
        assertThat(InvoiceCalculator.compute(yen, 1_234, false).total()).isEqualTo(new BigDecimal("432"));
        assertThat(yen.roundingRule()).contains("1 JPY").contains("half to even");
    }

    @Test
    void theDefaultPlanIsValidAndAPlanWhoseHigherTierCostsMoreIsRefused() {
        PlanTerms.productDefault().validate();
        PlanTerms t = PlanTerms.productDefault();
        PlanTerms bad = new PlanTerms(
                t.currency(),
                new Pricing.Tiered(TierMode.VOLUME, List.of(Tier.upTo(1000, "1"), Tier.andMore("2"))),
                t.billable(),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                new BigDecimal("120"),
                t.rounding());
        assertThatThrownBy(bad::validate)
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.problems()).containsKeys("tiers", "taxRate"));
    }
}
