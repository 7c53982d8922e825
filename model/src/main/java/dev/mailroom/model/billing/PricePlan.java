package dev.mailroom.model.billing;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** An agency-wide price plan and its versions, oldest first. */
public record PricePlan(PlanId id, String name, List<PlanVersion> versions) {
    public PricePlan {
        versions = versions.stream()
                .sorted(Comparator.comparing(PlanVersion::effectiveFrom))
                .toList();
    }

    /** The version in force in {@code month}: the latest that took effect in or before it. */
    public Optional<PlanVersion> versionFor(YearMonth month) {
        PlanVersion found = null;
        for (PlanVersion v : versions) {
            if (!v.effectiveFrom().isAfter(month)) {
                found = v;
            }
        }
        return Optional.ofNullable(found);
    }

    public PlanVersion latest() {
        return versions.get(versions.size() - 1);
    }
}
