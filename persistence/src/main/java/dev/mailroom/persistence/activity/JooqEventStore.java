package dev.mailroom.persistence.activity;

import static dev.mailroom.persistence.jooq.Tables.EVENT;
import static dev.mailroom.persistence.jooq.Tables.EVENT_DAILY;
import static dev.mailroom.persistence.jooq.Tables.PROCESSED_REPORT;

import dev.mailroom.model.activity.DailyRollup;
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
import org.jooq.Query;

/**
 * The event store. {@link #append} inserts the events as one JDBC batch and then applies the
 * batch's roll-up delta, counted in memory first ({@link DailyRollup#countOf}), as one upsert per
 * (tenant, day, domain, type): a batch of thousands of events over a few tenants costs a handful of
 * roll-up statements, which is what keeps ingest with roll-ups near the rate of plain inserts.
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
        List<Query> rollup = new ArrayList<>();
        DailyRollup.countOf(events).forEach((k, n) -> rollup.add(dsl.insertInto(EVENT_DAILY)
                .set(EVENT_DAILY.TENANT_ID, k.tenant().value())
                .set(EVENT_DAILY.EVENT_DAY, k.day())
                .set(EVENT_DAILY.DOMAIN_NAME, k.domain())
                .set(EVENT_DAILY.EVENT_TYPE, k.type().name())
                .set(EVENT_DAILY.EVENT_COUNT, n)
                .onConflict(EVENT_DAILY.TENANT_ID, EVENT_DAILY.EVENT_DAY, EVENT_DAILY.DOMAIN_NAME, EVENT_DAILY.EVENT_TYPE)
                .doUpdate().set(EVENT_DAILY.EVENT_COUNT, EVENT_DAILY.EVENT_COUNT.plus(n))));
        dsl.batch(rollup).execute();
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
