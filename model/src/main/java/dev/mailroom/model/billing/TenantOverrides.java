package dev.mailroom.model.billing;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/** What one tenant pays differently from its plan; empty means "as the plan says". */
public record TenantOverrides(
        Optional<BigDecimal> setupFee, Optional<BigDecimal> monthlyRetainer, Optional<BigDecimal> taxRatePercent) {
    public static final TenantOverrides NONE =
            new TenantOverrides(Optional.empty(), Optional.empty(), Optional.empty());

    public TenantOverrides {
        Objects.requireNonNull(setupFee, "setupFee");
        Objects.requireNonNull(monthlyRetainer, "monthlyRetainer");
        Objects.requireNonNull(taxRatePercent, "taxRatePercent");
    }

    /** The plan's terms with these overrides applied. */
    public PlanTerms applyTo(PlanTerms t) {
        return new PlanTerms(
                t.currency(),
                t.pricing(),
                t.billable(),
                setupFee.orElse(t.setupFee()),
                monthlyRetainer.orElse(t.monthlyRetainer()),
                taxRatePercent.orElse(t.taxRatePercent()),
                t.rounding());
    }
}
