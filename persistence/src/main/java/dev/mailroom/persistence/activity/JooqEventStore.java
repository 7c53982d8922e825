package dev.mailroom.persistence.activity;

import static dev.mailroom.persistence.jooq.Tables.EVENT;
import static dev.mailroom.persistence.jooq.Tables.EVENT_DAILY;
import static dev.mailroom.persistence.jooq.Tables.EVENT_REASON_DAILY;
import static dev.mailroom.persistence.jooq.Tables.PROCESSED_REPORT;
import static dev.mailroom.persistence.jooq.Tables.TENANT;
import static dev.mailroom.persistence.jooq.Tables.TENANT_DAILY;

import dev.mailroom.model.activity.BounceReason;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * The event store. {@link #append} inserts the events as one JDBC batch and then applies the
 * batch's roll-up delta, counted in memory first ({@link DailyRollup#countOf}), as one upsert per
 * key of each roll-up: a batch of thousands of events over a few tenants costs a handful of roll-up
 * rows, which is what keeps ingest with roll-ups near the rate of plain inserts. Concurrent appends
 * are safe on both databases (see {@link RollupUpsert}).
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
        List<Event> plain = new ArrayList<>(events.size());
        for (Event e : events) {
            if (e.details().complaint().isPresent()) {
                // Rare (complaints read from feedback reports): one insert each, for the id its fields join.
                Long id = dsl.insertInto(EVENT)
                        .set(EVENT.TENANT_ID, e.tenant().value())
                        .set(EVENT.DOMAIN_NAME, e.domain())
                        .set(EVENT.AT, Times.toDb(e.at()))
                        .set(EVENT.RECIPIENT, e.recipient())
                        .set(EVENT.MESSAGE_ID, e.messageId().orElse(null))
                        .set(EVENT.EVENT_TYPE, e.type().name())
                        .set(EVENT.SMTP_REPLY, smtpReply(e))
                        .set(
                                EVENT.STATUS_CODE,
                                e.details().status().map(Object::toString).orElse(null))
                        .set(EVENT.DIAGNOSTIC, diagnostic(e))
                        .set(EVENT.BOUNCE_REASON, bounceReason(e))
                        .returningResult(EVENT.ID)
                        .fetchOne(EVENT.ID);
                ComplaintReports.insert(
                        dsl, id, e.tenant(), e.details().complaint().get());
            } else {
                plain.add(e);
            }
        }
        if (!plain.isEmpty()) {
            insertBatch(dsl, plain);
        }
        appendRollups(dsl, events);
    }

    private static Short smtpReply(Event e) {
        return e.details().smtpReply().isPresent()
                ? (short) e.details().smtpReply().getAsInt()
                : null;
    }

    private static String diagnostic(Event e) {
        return e.details().diagnostic().isEmpty() ? null : e.details().diagnostic();
    }

    private static String bounceReason(Event e) {
        return e.type().isBounce() ? BounceReason.of(e.details()).key() : null;
    }

    private static void insertBatch(DSLContext dsl, List<Event> events) {
        var insert = dsl.batch(dsl.insertInto(
                        EVENT,
                        EVENT.TENANT_ID,
                        EVENT.DOMAIN_NAME,
                        EVENT.AT,
                        EVENT.RECIPIENT,
                        EVENT.MESSAGE_ID,
                        EVENT.EVENT_TYPE,
                        EVENT.SMTP_REPLY,
                        EVENT.STATUS_CODE,
                        EVENT.DIAGNOSTIC,
                        EVENT.BOUNCE_REASON)
                .values((Long) null, null, null, null, null, null, null, null, null, null));
        for (Event e : events) {
            insert.bind(
                    e.tenant().value(),
                    e.domain(),
                    Times.toDb(e.at()),
                    e.recipient(),
                    e.messageId().orElse(null),
                    e.type().name(),
                    smtpReply(e),
                    e.details().status().map(Object::toString).orElse(null),
                    diagnostic(e),
                    bounceReason(e));
        }
        insert.execute();
    }

    /**
     * The three roll-ups: per domain and type (charts), per tenant and day (the overview), per
     * recipient domain and reason (bounces, deferrals). Each batch's delta is counted in memory and
     * applied as one statement per key, keys in a fixed order so that two batches touching the same
     * rows lock them in the same order.
     */
    private static void appendRollups(DSLContext dsl, List<Event> events) {
        Map<RollupKey, Long> perDomain = new TreeMap<>(ROLLUP_ORDER);
        perDomain.putAll(DailyRollup.countOf(events));
        Map<TenantDay, long[]> perTenant = new TreeMap<>();
        Map<ReasonKey, Long> reasons = new TreeMap<>();
        for (Event e : events) {
            perTenant
                    .computeIfAbsent(new TenantDay(e.tenant().value(), e.day()), k -> new long[TYPES.length])[
                    e.type().ordinal()]++;
            if (e.type().isBounce() || e.type() == EventType.DEFERRED) {
                reasons.merge(
                        new ReasonKey(
                                e.tenant().value(),
                                e.day(),
                                e.domain(),
                                e.type().name(),
                                recipientDomain(e.recipient()),
                                e.type().isBounce()
                                        ? BounceReason.of(e.details()).key()
                                        : DeferralReasons.keyOf(e.details())),
                        1L,
                        Long::sum);
            }
        }
        RollupUpsert.Mode mode = RollupUpsert.modeFor(dsl);
        if (mode == RollupUpsert.Mode.UPDATE_THEN_INSERT) {
            lockTenants(
                    dsl,
                    perTenant.keySet().stream()
                            .map(TenantDay::tenant)
                            .distinct()
                            .sorted()
                            .toList());
        }

        // Per tenant and day first: a tenant-day it had no row for is new to every roll-up, so on H2 its
        // keys below are inserted straight away instead of first trying an update that finds nothing.
        List<Field<Long>> typeColumns = new ArrayList<>();
        for (EventType t : TYPES) {
            typeColumns.add(typeColumn(t));
        }
        List<Object[]> insertedDays = RollupUpsert.apply(
                dsl,
                mode,
                TENANT_DAILY,
                List.of(TENANT_DAILY.DAY_TENANT),
                List.of(TENANT_DAILY.TENANT_ID, TENANT_DAILY.EVENT_DAY),
                typeColumns,
                perTenant.entrySet().stream()
                        .map(e -> {
                            long[] counts = e.getValue();
                            Object[] row = new Object[3 + counts.length];
                            row[0] = dayTenant(e.getKey().day(), e.getKey().tenant());
                            row[1] = e.getKey().tenant();
                            row[2] = e.getKey().day();
                            for (int i = 0; i < counts.length; i++) {
                                row[3 + i] = counts[i];
                            }
                            return row;
                        })
                        .toList(),
                row -> false);
        Set<TenantDay> newDays = new HashSet<>();
        for (Object[] row : insertedDays) {
            newDays.add(new TenantDay((Long) row[1], (LocalDate) row[2]));
        }
        Predicate<Object[]> ofNewDay = row -> newDays.contains(new TenantDay((Long) row[0], (LocalDate) row[1]));

        var d = EVENT_DAILY;
        RollupUpsert.apply(
                dsl,
                mode,
                d,
                List.of(d.TENANT_ID, d.EVENT_DAY, d.DOMAIN_NAME, d.EVENT_TYPE),
                List.of(),
                List.of(d.EVENT_COUNT),
                perDomain.entrySet().stream()
                        .map(e -> new Object[] {
                            e.getKey().tenant().value(),
                            e.getKey().day(),
                            e.getKey().domain(),
                            e.getKey().type().name(),
                            e.getValue()
                        })
                        .toList(),
                ofNewDay);

        var r = EVENT_REASON_DAILY;
        RollupUpsert.apply(
                dsl,
                mode,
                r,
                List.of(r.TENANT_ID, r.EVENT_DAY, r.DOMAIN_NAME, r.EVENT_TYPE, r.RECIPIENT_DOMAIN, r.REASON),
                List.of(),
                List.of(r.EVENT_COUNT),
                reasons.entrySet().stream()
                        .map(e -> new Object[] {
                            e.getKey().tenant(),
                            e.getKey().day(),
                            e.getKey().domain(),
                            e.getKey().type(),
                            e.getKey().recipientDomain(),
                            e.getKey().reason(),
                            e.getValue()
                        })
                        .toList(),
                ofNewDay);
    }

    /**
     * H2 has no atomic upsert: its MERGE (what jOOQ renders for ON CONFLICT) looks for the row; when a concurrent
     * transaction has just inserted it but not committed, inserts again and fails on the key. So on
     * H2 an append first locks its tenants' rows, in id order: appends for the same tenant then
     * maintain their roll-ups one after another, and each sees the rows the last one committed.
     */
    private static void lockTenants(DSLContext dsl, List<Long> tenants) {
        dsl.select(TENANT.ID)
                .from(TENANT)
                .where(TENANT.ID.in(tenants))
                .orderBy(TENANT.ID)
                .forUpdate()
                .fetch();
    }

    private static final Comparator<RollupKey> ROLLUP_ORDER = Comparator.comparingLong(
                    (RollupKey k) -> k.tenant().value())
            .thenComparing(RollupKey::day)
            .thenComparing(RollupKey::domain)
            .thenComparing(RollupKey::type);

    private static final EventType[] TYPES = EventType.values();

    private record TenantDay(long tenant, LocalDate day) implements Comparable<TenantDay> {
        private static final Comparator<TenantDay> ORDER =
                Comparator.comparingLong(TenantDay::tenant).thenComparing(TenantDay::day);

        @Override
        public int compareTo(TenantDay o) {
            return ORDER.compare(this, o);
        }
    }

    private record ReasonKey(
            long tenant, LocalDate day, String domain, String type, String recipientDomain, String reason)
            implements Comparable<ReasonKey> {
        private static final Comparator<ReasonKey> ORDER = Comparator.comparingLong(ReasonKey::tenant)
                .thenComparing(ReasonKey::day)
                .thenComparing(ReasonKey::domain)
                .thenComparing(ReasonKey::type)
                .thenComparing(ReasonKey::recipientDomain)
                .thenComparing(ReasonKey::reason);

        @Override
        public int compareTo(ReasonKey o) {
            return ORDER.compare(this, o);
        }
    }

    /**
     * tenant_daily's key: the UTC day as yyyymmdd, times 2^32, plus the tenant id (V33). Ordered by day
     * then tenant, so a range of days across all tenants is one run of H2's primary key.
     */
    public static long dayTenant(LocalDate day, long tenant) {
        return (day.getYear() * 10_000L + day.getMonthValue() * 100L + day.getDayOfMonth()) * (1L << 32) + tenant;
    }

    /** The tenant_daily column counting this event type (named after it). */
    @SuppressWarnings("unchecked")
    public static Field<Long> typeColumn(EventType type) {
        return (Field<Long>) TENANT_DAILY.field(type.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The part after the last @, as recipient domains are rolled up; "(none)" for a bare name. */
    static String recipientDomain(String recipient) {
        int at = recipient.lastIndexOf('@');
        String d = at < 0 || at == recipient.length() - 1 ? "(none)" : recipient.substring(at + 1);
        return d.length() > 253 ? d.substring(0, 253) : d;
    }

    @Override
    public List<Instant> softBounceTimes(
            TenantId tenant, String domain, String recipient, Instant since, Instant until) {
        return tx.dsl()
                .select(EVENT.AT)
                .from(EVENT)
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
        tx.dsl()
                .selectFrom(EVENT_DAILY)
                .where(where)
                .forEach(r -> out.put(
                        new RollupKey(
                                new TenantId(r.getTenantId()),
                                r.getDomainName(),
                                r.getEventDay(),
                                EventType.valueOf(r.getEventType())),
                        r.getEventCount()));
        return out;
    }

    @Override
    public boolean markReportProcessed(String reportKey, Instant at) {
        return tx.dsl()
                        .insertInto(PROCESSED_REPORT)
                        .set(PROCESSED_REPORT.REPORT_KEY, reportKey)
                        .set(PROCESSED_REPORT.PROCESSED_AT, Times.toDb(at))
                        .onConflictDoNothing()
                        .execute()
                == 1;
    }

    /** Counts over the raw rows, for checking the roll-up (tests, a repair tool); slow on big stores. */
    public Map<RollupKey, Long> countRaw(TenantId tenant) {
        List<Event> all = tx.dsl()
                .selectFrom(EVENT)
                .where(EVENT.TENANT_ID.eq(tenant.value()))
                .fetch(r -> Event.of(
                        new TenantId(r.getTenantId()),
                        r.getDomainName(),
                        Times.fromDb(r.getAt()),
                        r.getRecipient(),
                        EventType.valueOf(r.getEventType())));
        return DailyRollup.countOf(all);
    }
}
