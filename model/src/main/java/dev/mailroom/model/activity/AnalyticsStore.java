package dev.mailroom.model.activity;

import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.common.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the analytics reads, all answered from roll-ups kept by {@link EventStore#append}, never
 * from the raw events (which may be dropped after their retention).
 */
public interface AnalyticsStore {
    /** Recipient domains by hard and soft bounces, most first. */
    List<CountedName> topBouncingDomains(TenantId tenant, Optional<String> domain, Period period, int limit);

    /**
     * Hard and soft bounces by reason key ({@link BounceReason#key}; roll-ups written before reasons
     * were kept carry a status code instead: {@link BounceReason#describe} reads both), most first.
     */
    List<CountedName> bounceReasons(TenantId tenant, Optional<String> domain, Period period, int limit);

    /** Deferrals by reason key ({@link DeferralReasons#keyOf}), most first. */
    List<CountedName> deferralReasons(TenantId tenant, Optional<String> domain, Period period, int limit);

    /** The tenant's sending domains with any rolled-up activity, by name. */
    List<String> activeDomains(TenantId tenant);

    /**
     * The agency overview's one cross-tenant read: per tenant in the scope that has activity, the 30
     * days up to {@code today}, today's sent count and the 7 days before it.
     */
    Map<TenantId, TenantActivity> agencyOverviewActivity(TenantScope scope, java.time.LocalDate today);
}
