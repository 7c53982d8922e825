package dev.mailroom.model.activity;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** Reading a tenant's activity: needs {@link Permission#ANALYTICS_VIEW} in that tenant. */
public final class ActivityService {
    private final EventStore events;
    private final AccessPolicy access;
    private final Transactions tx;

    public ActivityService(EventStore events, AccessPolicy access, Transactions tx) {
        this.events = events;
        this.access = access;
        this.tx = tx;
    }

    public Map<RollupKey, Long> dailyCounts(
            Actor actor, TenantId tenant, Optional<String> domain, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new InvalidInput("to", "The period ends before it starts.");
        }
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.ANALYTICS_VIEW);
            return events.dailyCounts(tenant, domain, from, to);
        });
    }
}
