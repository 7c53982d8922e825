package dev.mailroom.persistence.activity;

import static dev.mailroom.persistence.jooq.Tables.EVENT;
import static dev.mailroom.persistence.jooq.Tables.EVENT_DAILY;
import static dev.mailroom.persistence.jooq.Tables.EVENT_REASON_DAILY;
import static dev.mailroom.persistence.jooq.Tables.PROCESSED_REPORT;
import static dev.mailroom.persistence.jooq.Tables.TENANT_DAILY;
import static org.jooq.impl.DSL.excluded;

import dev.mailroom.model.activity.DailyRollup;
import dev.mailroom.model.activity.DeferralReasons;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventStore;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.RollupKey;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * The event store. {@link #append} inserts the events as one JDBC batch and then applies the
 * batch's roll-up delta, counted in memory first ({@link DailyRollup#countOf}), as one upsert per
 * key of each roll-up: a batch of thousands of events over a few tenants costs a handful of roll-up
 * rows, which is what keeps ingest with roll-ups near the rate of plain inserts.
 */
public final class JooqEventStore implements EventStore {
    private final JooqTransactions tx;

    public JooqEventStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void append(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        var dsl = tx.dsl();
        var insert = dsl.batch(dsl.insertInto(EVENT, EVENT.TENANT_ID, EVENT.DOMAIN_NAME, EVENT.AT, EVENT.RECIPIENT,
                EVENT.MESSAGE_ID, EVENT.EVENT_TYPE, EVENT.SMTP_REPLY, EVENT.STATUS_CODE, EVENT.DIAGNOSTIC)
                .values((Long) null, null, null, null, null, null, null, null, null));
        for (Event e : events) {
            insert.bind(e.tenant().value(), e.domain(), Times.toDb(e.at()), e.recipient(), e.messageId().orElse(null),
                    e.type().name(),
                    e.details().smtpReply().isPresent() ? (short) e.details().smtpReply().getAsInt() : null,
                    e.details().status().map(Object::toString).orElse(null),
                    e.details().diagnostic().isEmpty() ? null : e.details().diagnostic());
        }
        insert.execute();
        appendRollups(dsl, events);
    }

    /**
     * The three roll-ups, each as one prepared statement bound once per key: per domain and type
     * (charts), per tenant and day (the overview), per recipient domain and reason (bounces, deferrals).
     */
    private static void appendRollups(DSLContext dsl, List<Event> events) {
        var daily = dsl.batch(dsl.insertInto(EVENT_DAILY, EVENT_DAILY.TENANT_ID, EVENT_DAILY.EVENT_DAY,
                        EVENT_DAILY.DOMAIN_NAME, EVENT_DAILY.EVENT_TYPE, EVENT_DAILY.EVENT_COUNT)
                .values((Long) null, null, null, null, null)
                .onConflict(EVENT_DAILY.TENANT_ID, EVENT_DAILY.EVENT_DAY, EVENT_DAILY.DOMAIN_NAME, EVENT_DAILY.EVENT_TYPE)
                .doUpdate().set(EVENT_DAILY.EVENT_COUNT, EVENT_DAILY.EVENT_COUNT.plus(excluded(EVENT_DAILY.EVENT_COUNT))));
        DailyRollup.countOf(events).forEach((k, n) ->
                daily.bind(k.tenant().value(), k.day(), k.domain(), k.type().name(), n));
        daily.execute();

        Map<TenantDay, long[]> perTenant = new HashMap<>();
        Map<ReasonKey, Long> reasons = new HashMap<>();
        for (Event e : events) {
            perTenant.computeIfAbsent(new TenantDay(e.tenant().value(), e.day()), k -> new long[TYPES.length])
                    [e.type().ordinal()]++;
            if (e.type().isBounce() || e.type() == EventType.DEFERRED) {
                reasons.merge(new ReasonKey(e.tenant().value(), e.day(), e.domain(), e.type().name(),
                        recipientDomain(e.recipient()), DeferralReasons.keyOf(e.details())), 1L, Long::sum);
            }
        }
        List<Field<?>> columns = new ArrayList<>(List.of(TENANT_DAILY.TENANT_ID, TENANT_DAILY.EVENT_DAY));
        for (EventType t : TYPES) {
            columns.add(typeColumn(t));
        }
        var upsert = dsl.insertInto(TENANT_DAILY, columns).values(new Object[columns.size()])
                .onConflict(TENANT_DAILY.EVENT_DAY, TENANT_DAILY.TENANT_ID).doUpdate();
        org.jooq.InsertOnDuplicateSetMoreStep<?> set = null;
        for (EventType t : TYPES) {
            Field<Long> c = typeColumn(t);
            set = set == null ? upsert.set(c, c.plus(excluded(c))) : set.set(c, c.plus(excluded(c)));
        }
        var tenantBatch = dsl.batch(set);
        perTenant.forEach((k, counts) -> {
            Object[] row = new Object[2 + counts.length];
            row[0] = k.tenant();
            row[1] = k.day();
            for (int i = 0; i < counts.length; i++) {
                row[2 + i] = counts[i];
            }
            tenantBatch.bind(row);
        });
        tenantBatch.execute();

        if (!reasons.isEmpty()) {
            var r = EVENT_REASON_DAILY;
            var reasonBatch = dsl.batch(dsl.insertInto(r, r.TENANT_ID, r.EVENT_DAY, r.DOMAIN_NAME, r.EVENT_TYPE,
                            r.RECIPIENT_DOMAIN, r.REASON, r.EVENT_COUNT)
                    .values((Long) null, null, null, null, null, null, null)
                    .onConflict(r.TENANT_ID, r.EVENT_DAY, r.DOMAIN_NAME, r.EVENT_TYPE, r.RECIPIENT_DOMAIN, r.REASON)
                    .doUpdate().set(r.EVENT_COUNT, r.EVENT_COUNT.plus(excluded(r.EVENT_COUNT))));
            reasons.forEach((k, n) -> reasonBatch.bind(k.tenant(), k.day(), k.domain(), k.type(), k.recipientDomain(),
                    k.reason(), n));
            reasonBatch.execute();
        }
    }

    private static final EventType[] TYPES = EventType.values();

    private record TenantDay(long tenant, LocalDate day) {
    }

    private record ReasonKey(long tenant, LocalDate day, String domain, String type, String recipientDomain, String reason) {
    }

    /** The tenant_daily column counting this event type (named after it). */
    @SuppressWarnings("unchecked")
    static Field<Long> typeColumn(EventType type) {
        return (Field<Long>) TENANT_DAILY.field(type.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The part after the last @, as recipient domains are rolled up; "(none)" for a bare name. */
    static String recipientDomain(String recipient) {
        int at = recipient.lastIndexOf('@');
        String d = at < 0 || at == recipient.length() - 1 ? "(none)" : recipient.substring(at + 1);
        return d.length() > 253 ? d.substring(0, 253) : d;
    }

    @Override
    public List<Instant> softBounceTimes(TenantId tenant, String domain, String recipient, Instant since, Instant until) {
        return tx.dsl().select(EVENT.AT).from(EVENT)
                .where(EVENT.TENANT_ID.eq(tenant.value()))
                .and(EVENT.DOMAIN_NAME.eq(Event.normalise(domain)))
                .and(EVENT.RECIPIENT.eq(Event.normalise(recipient)))
                .and(EVENT.AT.between(Times.toDb(since), Times.toDb(until)))
                .and(EVENT.EVENT_TYPE.eq(EventType.SOFT_BOUNCE.name()))
                .orderBy(EVENT.AT)
                .fetch(r -> Times.fromDb(r.value1()));
    }

    @Override
    public Map<RollupKey, Long> dailyCounts(TenantId tenant, Optional<String> domain, LocalDate from, LocalDate to) {
        Condition where = EVENT_DAILY.TENANT_ID.eq(tenant.value()).and(EVENT_DAILY.EVENT_DAY.between(from, to));
        if (domain.isPresent()) {
            where = where.and(EVENT_DAILY.DOMAIN_NAME.eq(Event.normalise(domain.get())));
        }
        Map<RollupKey, Long> out = new HashMap<>();
        tx.dsl().selectFrom(EVENT_DAILY).where(where).forEach(r -> out.put(
                new RollupKey(new TenantId(r.getTenantId()), r.getDomainName(), r.getEventDay(),
                        EventType.valueOf(r.getEventType())), r.getEventCount()));
        return out;
    }

    @Override
    public boolean markReportProcessed(String reportKey, Instant at) {
        return tx.dsl().insertInto(PROCESSED_REPORT)
                .set(PROCESSED_REPORT.REPORT_KEY, reportKey)
                .set(PROCESSED_REPORT.PROCESSED_AT, Times.toDb(at))
                .onConflictDoNothing()
                .execute() == 1;
    }

    /** Counts over the raw rows, for checking the roll-up (tests, a repair tool); slow on big stores. */
    public Map<RollupKey, Long> countRaw(TenantId tenant) {
        List<Event> all = tx.dsl().selectFrom(EVENT).where(EVENT.TENANT_ID.eq(tenant.value())).fetch(r ->
                Event.of(new TenantId(r.getTenantId()), r.getDomainName(), Times.fromDb(r.getAt()), r.getRecipient(),
                        EventType.valueOf(r.getEventType())));
        return DailyRollup.countOf(all);
    }
}
