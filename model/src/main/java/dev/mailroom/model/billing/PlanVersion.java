package dev.mailroom.model.billing;

import java.time.YearMonth;
import java.util.Objects;

/** A plan's terms from one month on, until a later version takes over. */
public record PlanVersion(YearMonth effectiveFrom, PlanTerms terms) {
    public PlanVersion {
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(terms, "terms");
    }
}
