package dev.mailroom.model.activity;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Analytics per tenant and domain, and the health of every tenant for the agency overview. Reading a
 * tenant's numbers needs {@link Permission#ANALYTICS_VIEW} there; the overview lists only tenants
 * where the actor holds it.
 */
public final class AnalyticsService {
    public static final int TOP = 10;

    private final EventStore events;
    private final AnalyticsStore store;
    private final AccessPolicy access;
    private final Transactions tx;
    private final Clock clock;

    public AnalyticsService(
            EventStore events, AnalyticsStore store, AccessPolicy access, Transactions tx, Clock clock) {
        this.events = events;
        this.store = store;
        this.access = access;
        this.tx = tx;
        this.clock = clock;
    }

    /** Today as roll-ups count it (UTC). */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    public AnalyticsReport report(Actor actor, TenantId tenant, Optional<String> domain, Period period) {
        Optional<String> d = domain.map(Event::normalise).filter(s -> !s.isEmpty());
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.ANALYTICS_VIEW);
            Map<LocalDate, Map<EventType, Long>> days = new HashMap<>();
            events.dailyCounts(tenant, d, period.from(), period.to())
                    .forEach((k, n) -> days.computeIfAbsent(k.day(), x -> new EnumMap<>(EventType.class))
                            .merge(k.type(), n, Long::sum));
            Map<LocalDate, EventTotals> byDay = new LinkedHashMap<>();
            EventTotals totals = EventTotals.NONE;
            for (LocalDate day : period.eachDay()) {
                EventTotals t = days.containsKey(day) ? new EventTotals(days.get(day)) : EventTotals.NONE;
                byDay.put(day, t);
                totals = totals.plus(t);
            }
            return new AnalyticsReport(
                    tenant,
                    d,
                    period,
                    byDay,
                    totals,
                    store.topBouncingDomains(tenant, d, period, TOP),
                    store.deferralReasons(tenant, d, period, TOP),
                    store.bounceReasons(tenant, d, period, TOP),
                    store.activeDomains(tenant));
        });
    }

    /**
     * Health of every tenant where the actor may read analytics and that has events in the last 30
     * days; a visible tenant missing from the map has none ({@link TenantActivity#NONE}).
     */
    public Map<TenantId, TenantHealth> overview(Actor actor) {
        return tx.inTransaction(() -> {
            TenantScope scope = access.tenantsWhere(actor, Permission.ANALYTICS_VIEW);
            if (!scope.all() && scope.tenants().isEmpty()) {
                return Map.of();
            }
            Map<TenantId, TenantHealth> out = new HashMap<>();
            store.agencyOverviewActivity(scope, today()).forEach((t, a) -> {
                // The store filters by scope; checked again here so a store bug cannot leak a tenant.
                if (scope.includes(t)) {
                    out.put(t, TenantHealth.of(t, a));
                }
            });
            return out;
        });
    }
}
