package dev.mailroom.model.activity;

import dev.mailroom.model.common.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's (or one of its domains') activity over a period.
 *
 * @param byDay every day of the period in order, days without events included (as {@link EventTotals#NONE})
 * @param bounceReasons hard and soft bounces by reason key ({@link BounceReason#describe} names them)
 * @param domains the tenant's sending domains that have any activity, for the domain filter
 */
public record AnalyticsReport(
        TenantId tenant,
        Optional<String> domain,
        Period period,
        Map<java.time.LocalDate, EventTotals> byDay,
        EventTotals totals,
        List<CountedName> topBouncingDomains,
        List<CountedName> deferralReasons,
        List<CountedName> bounceReasons,
        List<String> domains) {
    public AnalyticsReport {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(period, "period");
        byDay = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byDay));
        Objects.requireNonNull(totals, "totals");
        topBouncingDomains = List.copyOf(topBouncingDomains);
        deferralReasons = List.copyOf(deferralReasons);
        bounceReasons = List.copyOf(bounceReasons);
        domains = List.copyOf(domains);
    }
}
