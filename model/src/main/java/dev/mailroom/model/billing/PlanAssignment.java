package dev.mailroom.model.billing;

import dev.mailroom.model.common.TenantId;
import java.time.YearMonth;
import java.util.Objects;

/** A tenant is billed on {@code plan} from {@code effectiveFrom} on, with its own overrides. */
public record PlanAssignment(TenantId tenant, PlanId plan, YearMonth effectiveFrom, TenantOverrides overrides) {
    public PlanAssignment {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(overrides, "overrides");
    }
}
