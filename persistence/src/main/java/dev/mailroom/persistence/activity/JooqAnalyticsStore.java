package dev.mailroom.persistence.activity;

import static dev.mailroom.persistence.jooq.Tables.EVENT_DAILY;
import static dev.mailroom.persistence.jooq.Tables.EVENT_REASON_DAILY;
import static dev.mailroom.persistence.jooq.Tables.TENANT_DAILY;
import static org.jooq.impl.DSL.sum;

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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;

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
        return counted(
                r.RECIPIENT_DOMAIN,
                reasons(tenant, domain, period)
                        .and(r.EVENT_TYPE.in(EventType.SOFT_BOUNCE.name(), EventType.HARD_BOUNCE.name())),
                limit);
    }

    @Override
    public List<CountedName> bounceReasons(TenantId tenant, Optional<String> domain, Period period, int limit) {
        var r = EVENT_REASON_DAILY;
        return counted(
                r.REASON,
                reasons(tenant, domain, period)
                        .and(r.EVENT_TYPE.in(EventType.SOFT_BOUNCE.name(), EventType.HARD_BOUNCE.name())),
                limit);
    }

    @Override
    public List<CountedName> deferralReasons(TenantId tenant, Optional<String> domain, Period period, int limit) {
        return counted(
                EVENT_REASON_DAILY.REASON,
                reasons(tenant, domain, period).and(EVENT_REASON_DAILY.EVENT_TYPE.eq(EventType.DEFERRED.name())),
                limit);
    }

    private static Condition reasons(TenantId tenant, Optional<String> domain, Period period) {
        var r = EVENT_REASON_DAILY;
        Condition c = r.TENANT_ID.eq(tenant.value()).and(r.EVENT_DAY.between(period.from(), period.to()));
        return domain.isPresent() ? c.and(r.DOMAIN_NAME.eq(Event.normalise(domain.get()))) : c;
    }

    private List<CountedName> counted(Field<String> name, Condition where, int limit) {
        Field<BigDecimal> n = sum(EVENT_REASON_DAILY.EVENT_COUNT).as("n");
        return tx.dsl()
                .select(name, n)
                .from(EVENT_REASON_DAILY)
                .where(where)
                .groupBy(name)
                .orderBy(n.desc(), name.asc())
                .limit(limit)
                .fetch(rec -> new CountedName(rec.value1(), rec.value2().longValue()));
    }

    @Override
    public List<String> activeDomains(TenantId tenant) {
        return tx.dsl()
                .selectDistinct(EVENT_DAILY.DOMAIN_NAME)
                .from(EVENT_DAILY)
                .where(EVENT_DAILY.TENANT_ID.eq(tenant.value()))
                .orderBy(EVENT_DAILY.DOMAIN_NAME)
                .fetch(EVENT_DAILY.DOMAIN_NAME);
    }

    @Override
    public Map<TenantId, TenantActivity> agencyOverviewActivity(TenantScope scope, LocalDate today) {
        var t = TENANT_DAILY;
        LocalDate from = today.minusDays(29);
        LocalDate weekFrom = today.minusDays(7);
        List<Field<?>> fields = new ArrayList<>(List.of(t.TENANT_ID, t.EVENT_DAY));
        for (EventType type : TYPES) {
            fields.add(JooqEventStore.typeColumn(type));
        }
        // One run of the primary key (day first), summed here: H2 sums BIGINT columns as DECIMAL, which
        // over 15,000 rows and 13 sums cost more than reading the rows.
        Condition where = t.DAY_TENANT.between(
                JooqEventStore.dayTenant(from, 0), JooqEventStore.dayTenant(today, (1L << 32) - 1));
        if (!scope.all()) {
            where = where.and(
                    t.TENANT_ID.in(scope.tenants().stream().map(TenantId::value).toList()));
        }
        var query = tx.dsl().select(fields).from(t).where(where);
        Map<Long, long[]> sums = new HashMap<>();
        tx.dsl().connection(c -> {
            try (PreparedStatement ps = c.prepareStatement(query.getSQL())) {
                List<Object> binds = query.getBindValues();
                for (int i = 0; i < binds.size(); i++) {
                    ps.setObject(i + 1, binds.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long[] s = sums.computeIfAbsent(rs.getLong(1), k -> new long[TYPES.length + 2]);
                        LocalDate day = rs.getObject(2, LocalDate.class);
                        for (int i = 0; i < TYPES.length; i++) {
                            s[i] += rs.getLong(3 + i);
                        }
                        long sent = rs.getLong(3 + EventType.SENT.ordinal());
                        if (day.equals(today)) {
                            s[TYPES.length] += sent;
                        } else if (!day.isBefore(weekFrom)) {
                            s[TYPES.length + 1] += sent;
                        }
                    }
                }
            }
        });
        Map<TenantId, TenantActivity> out = new HashMap<>();
        sums.forEach((tenant, s) -> {
            EnumMap<EventType, Long> counts = new EnumMap<>(EventType.class);
            for (int i = 0; i < TYPES.length; i++) {
                counts.put(TYPES[i], s[i]);
            }
            out.put(
                    new TenantId(tenant),
                    new TenantActivity(new EventTotals(counts), s[TYPES.length], s[TYPES.length + 1]));
        });
        return out;
    }
}
