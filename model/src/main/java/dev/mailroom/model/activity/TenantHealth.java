package dev.mailroom.model.activity;

import dev.mailroom.model.common.TenantId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** One row of the agency overview's health columns. */
public record TenantHealth(TenantId tenant, TenantActivity activity, Set<HealthFlag> flags) {
    public TenantHealth {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(activity, "activity");
        flags = Set.copyOf(flags);
    }

    /** Applies the overview's rules to a tenant's activity. */
    public static TenantHealth of(TenantId tenant, TenantActivity a) {
        EnumSet<HealthFlag> flags = EnumSet.noneOf(HealthFlag.class);
        double trailingMean = a.sentPrevious7Days() / 7.0;
        if (a.sentToday() >= Thresholds.SPIKE_MIN_VOLUME && a.sentToday() > Thresholds.SPIKE_FACTOR * trailingMean) {
            flags.add(HealthFlag.VOLUME_SPIKE);
        }
        EventTotals t = a.last30Days();
        if (t.bounceRate().orElse(0) > Thresholds.BOUNCE_LIMIT) {
            flags.add(HealthFlag.HIGH_BOUNCE_RATE);
        }
        if (t.complaintRate().orElse(0) > Thresholds.COMPLAINT_LIMIT) {
            flags.add(HealthFlag.HIGH_COMPLAINT_RATE);
        }
        return new TenantHealth(tenant, a, flags);
    }

    public long volume30Days() {
        return activity.last30Days().sent();
    }

    public boolean needsAttention() {
        return !flags.isEmpty();
    }
}
