package dev.mailroom.model.activity;

import java.util.Objects;

/**
 * What the agency overview reads per tenant from the per-tenant roll-up: the last 30 days' totals,
 * messages sent today, and messages sent over the 7 days before today.
 */
public record TenantActivity(EventTotals last30Days, long sentToday, long sentPrevious7Days) {
    public static final TenantActivity NONE = new TenantActivity(EventTotals.NONE, 0, 0);

    public TenantActivity {
        Objects.requireNonNull(last30Days, "last30Days");
    }
}
