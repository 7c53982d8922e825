package dev.mailroom.model.activity;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;

/** Port: the retention setting, and dropping raw events past it. The roll-ups are never touched. */
public interface EventRetentionStore {
    /** Days raw events are kept; {@link EventRetentionService#DEFAULT_DAYS} until someone changes it. */
    int retentionDays();

    void setRetentionDays(int days);

    /** Deletes at most {@code limit} of the tenant's raw events from before {@code cutoff}; how many it deleted. */
    int deleteRawBefore(TenantId tenant, Instant cutoff, int limit);
}
