package dev.mailroom.persistence.activity;

import static dev.mailroom.persistence.jooq.Tables.EVENT_DAILY;
import static dev.mailroom.persistence.jooq.Tables.EVENT_REASON_DAILY;
import static dev.mailroom.persistence.jooq.Tables.TENANT_DAILY;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.activity.AnalyticsStore;
import dev.mailroom.model.activity.CountedName;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventTotals;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.Period;
import dev.mailroom.model.activity.TenantActivity;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.persistence.store.JooqTransactions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;


/** Analytics reads over the roll-ups that {@link JooqEventStore#append} keeps current. */
public final class JooqAnalyticsStore implements AnalyticsStore {
    private static final EventType[] TYPES = EventType.values();

    private final JooqTransactions tx;

    public JooqAnalyticsStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public List<CountedName> topBouncingDomains(TenantId tenant, Optional<String> domain, Period period, int limit) {
        var r = EVENT_REASON_DAILY;
        return counted(r.RECIPIENT_DOMAIN, reasons(tenant, domain, period)
                .and(r.EVENT_TYPE.in(EventType.SOFT_BOUNCE.name(), EventType.HARD_BOUNCE.name())), limit);
    }

    @Override
    public List<CountedName> deferralReasons(TenantId tenant, Optional<String> domain, Period period, int limit) {
        return counted(EVENT_REASON_DAILY.REASON, reasons(tenant, domain, period)
                .and(EVENT_REASON_DAILY.EVENT_TYPE.eq(EventType.DEFERRED.name())), limit);
    }

    private static Condition reasons(TenantId tenant, Optional<String> domain, Period period) {
        var r = EVENT_REASON_DAILY;
        Condition c = r.TENANT_ID.eq(tenant.value()).and(r.EVENT_DAY.between(period.from(), period.to()));
        return domain.isPresent() ? c.and(r.DOMAIN_NAME.eq(Event.normalise(domain.get()))) : c;
    }

    private List<CountedName> counted(Field<String> name, Condition where, int limit) {
        Field<BigDecimal> n = sum(EVENT_REASON_DAILY.EVENT_COUNT).as("n");
        return tx.dsl().select(name, n).from(EVENT_REASON_DAILY).where(where).groupBy(name)
                .orderBy(n.desc(), name.asc()).limit(limit)
                .fetch(rec -> new CountedName(rec.value1(), rec.value2().longValue()));
    }

    @Override
    public List<String> activeDomains(TenantId tenant) {
        return tx.dsl().selectDistinct(EVENT_DAILY.DOMAIN_NAME).from(EVENT_DAILY)
                .where(EVENT_DAILY.TENANT_ID.eq(tenant.value())).orderBy(EVENT_DAILY.DOMAIN_NAME).fetch(EVENT_DAILY.DOMAIN_NAME);
    }

    @Override
    public Map<TenantId, TenantActivity> agencyOverviewActivity(TenantScope scope, LocalDate today) {
        var t = TENANT_DAILY;
        LocalDate from = today.minusDays(29);
        List<Field<?>> fields = new ArrayList<>();
        fields.add(t.TENANT_ID);
        for (EventType type : TYPES) {
            fields.add(sum(JooqEventStore.typeColumn(type)));
        }
        fields.add(sum(when(t.EVENT_DAY.eq(today), t.SENT).otherwise(0L)));
        fields.add(sum(when(t.EVENT_DAY.between(today.minusDays(7), today.minusDays(1)), t.SENT).otherwise(0L)));
        Condition where = t.EVENT_DAY.between(from, today);
        if (!scope.all()) {
            where = where.and(t.TENANT_ID.in(scope.tenants().stream().map(TenantId::value).toList()));
        }
        Map<TenantId, TenantActivity> out = new HashMap<>();
        for (Record rec : tx.dsl().select(fields).from(t).where(where).groupBy(t.TENANT_ID).fetch()) {
            EnumMap<EventType, Long> counts = new EnumMap<>(EventType.class);
            for (int i = 0; i < TYPES.length; i++) {
                counts.put(TYPES[i], number(rec.get(1 + i)));
            }
            out.put(new TenantId(rec.get(t.TENANT_ID)), new TenantActivity(new EventTotals(counts),
                    number(rec.get(1 + TYPES.length)), number(rec.get(2 + TYPES.length))));
        }
        return out;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

}
