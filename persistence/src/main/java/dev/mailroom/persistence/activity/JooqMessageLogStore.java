package dev.mailroom.persistence.activity;

import static dev.mailroom.persistence.jooq.Tables.EVENT;
import static dev.mailroom.persistence.jooq.Tables.EVENT_DAILY;
import static dev.mailroom.persistence.jooq.Tables.OUTBOX_MESSAGE;
import static org.jooq.impl.DSL.lower;

import dev.mailroom.model.activity.ComplaintReport;
import dev.mailroom.model.activity.EnhancedStatus;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventDetails;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.MessageLogQuery;
import dev.mailroom.model.activity.MessageLogResults;
import dev.mailroom.model.activity.MessageLogStore;
import dev.mailroom.model.activity.MessageSummary;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.persistence.jooq.tables.records.EventRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * The message log's reads, kept apart from {@link JooqEventStore}'s writes and roll-ups.
 *
 * <p>A message is found by its "anchor" event: the event of the searched status, or, when no status
 * is searched, the event that starts its story (sent, rejected, or queued and not sent yet). Each
 * anchor type is one keyset query down {@code event_tenant_type_at} (V35), newest first, limited to a
 * page; the few results are merged in memory. The page's messages are then read whole by Message-ID.
 */
public final class JooqMessageLogStore implements MessageLogStore {
    private static final List<EventType> STARTS = List.of(EventType.SENT, EventType.REJECTED, EventType.QUEUED);
    private static final Comparator<EventRecord> NEWEST_FIRST = Comparator.comparing(
                    EventRecord::getAt, Comparator.reverseOrder())
            .thenComparing(EventRecord::getId, Comparator.reverseOrder());

    private final JooqTransactions tx;

    public JooqMessageLogStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public MessageLogResults search(
            TenantId tenant, MessageLogQuery q, Optional<MessageLogResults.Cursor> after, int limit) {
        var dsl = tx.dsl();
        Condition base = EVENT.TENANT_ID
                .eq(tenant.value())
                .and(EVENT.AT.ge(Times.toDb(q.from())))
                .and(EVENT.AT.lt(Times.toDb(q.to())))
                .and(EVENT.MESSAGE_ID.isNotNull());
        if (after.isPresent()) {
            var c = after.get();
            base = base.and(EVENT.AT
                    .lt(Times.toDb(c.at()))
                    .or(EVENT.AT.eq(Times.toDb(c.at())).and(EVENT.ID.lt(c.eventId()))));
        }
        if (!q.messageId().isEmpty()) {
            base = base.and(EVENT.MESSAGE_ID.eq(q.messageId()));
        }
        if (q.exactRecipient()) {
            // event_recipient starts with the sending domain: name the tenant's domains so that it is used.
            List<String> domains = dsl.selectDistinct(EVENT_DAILY.DOMAIN_NAME)
                    .from(EVENT_DAILY)
                    .where(EVENT_DAILY.TENANT_ID.eq(tenant.value()))
                    .fetch(EVENT_DAILY.DOMAIN_NAME);
            base = base.and(EVENT.DOMAIN_NAME.in(domains)).and(EVENT.RECIPIENT.eq(q.recipient()));
        } else if (!q.recipient().isEmpty()) {
            base = base.and(EVENT.RECIPIENT.contains(q.recipient()));
        }
        if (!q.subject().isEmpty()) {
            base = base.and(EVENT.MESSAGE_ID.in(DSL.select(OUTBOX_MESSAGE.MESSAGE_ID)
                    .from(OUTBOX_MESSAGE)
                    .where(OUTBOX_MESSAGE.TENANT_ID.eq(tenant.value()))
                    .and(lower(OUTBOX_MESSAGE.SUBJECT).contains(q.subject().toLowerCase(java.util.Locale.ROOT)))));
        }
        boolean selective = !q.messageId().isEmpty() || q.exactRecipient();
        List<EventType> anchors = q.status().map(List::of).orElse(STARTS);
        List<EventRecord> found = new ArrayList<>();
        for (EventType type : anchors) {
            Condition c = base.and(EVENT.EVENT_TYPE.eq(type.name()));
            if (type == EventType.QUEUED && q.status().isEmpty()) {
                // A queued message that went on is found by its sent or rejected event instead.
                var later = EVENT.as("later");
                c = c.andNotExists(DSL.selectOne()
                        .from(later)
                        .where(later.MESSAGE_ID.eq(EVENT.MESSAGE_ID))
                        .and(later.TENANT_ID.eq(EVENT.TENANT_ID))
                        .and(later.EVENT_TYPE.in(EventType.SENT.name(), EventType.REJECTED.name())));
            }
            // One more than a page tells whether there is a next page.
            // Ordered by the whole index (the first two are fixed by the where): H2 then reads the
            // index in order and stops after a page instead of sorting every match. A Message-ID or
            // an exact address finds a handful of rows through its own index: sorting those is
            // cheaper, and the index-sorted order would make H2 walk every event of the type instead.
            var ordered = selective
                    ? dsl.selectFrom(EVENT).where(c).orderBy(EVENT.AT.desc(), EVENT.ID.desc())
                    : dsl.selectFrom(EVENT)
                            .where(c)
                            .orderBy(EVENT.TENANT_ID, EVENT.EVENT_TYPE, EVENT.AT.desc(), EVENT.ID.desc());
            found.addAll(ordered.limit(limit + 1).fetch());
        }
        found.sort(NEWEST_FIRST);
        // One row per message: a message deferred twice is listed once, by its newest deferral on the page.
        Map<String, EventRecord> anchorOf = new LinkedHashMap<>();
        EventRecord last = null;
        int used = 0;
        for (EventRecord r : found) {
            if (anchorOf.size() == limit && !anchorOf.containsKey(r.getMessageId())) {
                break;
            }
            anchorOf.putIfAbsent(r.getMessageId(), r);
            last = r;
            used++;
        }
        boolean more = used < found.size();
        List<MessageSummary> messages = summaries(tenant, new ArrayList<>(anchorOf.values()));
        Optional<MessageLogResults.Cursor> next = more && last != null
                ? Optional.of(new MessageLogResults.Cursor(Times.fromDb(last.getAt()), last.getId()))
                : Optional.empty();
        return new MessageLogResults(messages, next);
    }

    private List<MessageSummary> summaries(TenantId tenant, List<EventRecord> anchors) {
        if (anchors.isEmpty()) {
            return List.of();
        }
        var dsl = tx.dsl();
        List<String> ids = anchors.stream().map(EventRecord::getMessageId).toList();
        Map<String, List<EventRecord>> byMessage = new HashMap<>();
        dsl.selectFrom(EVENT)
                .where(EVENT.TENANT_ID.eq(tenant.value()))
                .and(EVENT.MESSAGE_ID.in(ids))
                .fetch()
                .forEach(r -> byMessage
                        .computeIfAbsent(r.getMessageId(), k -> new ArrayList<>())
                        .add(r));
        Map<String, String> subjects = new HashMap<>();
        dsl.select(OUTBOX_MESSAGE.MESSAGE_ID, OUTBOX_MESSAGE.SUBJECT)
                .from(OUTBOX_MESSAGE)
                .where(OUTBOX_MESSAGE.TENANT_ID.eq(tenant.value()))
                .and(OUTBOX_MESSAGE.MESSAGE_ID.in(ids))
                .forEach(r -> subjects.put(r.value1(), r.value2()));
        List<MessageSummary> out = new ArrayList<>();
        for (EventRecord anchor : anchors) {
            List<EventRecord> all = byMessage.getOrDefault(anchor.getMessageId(), List.of(anchor));
            EventRecord first = all.stream().min(LIFE_ORDER).orElse(anchor);
            EventRecord latest = all.stream().max(LIFE_ORDER).orElse(anchor);
            out.add(new MessageSummary(
                    anchor.getMessageId(),
                    anchor.getRecipient(),
                    anchor.getDomainName(),
                    Optional.ofNullable(subjects.get(anchor.getMessageId())),
                    EventType.valueOf(latest.getEventType()),
                    Times.fromDb(first.getAt()),
                    Times.fromDb(latest.getAt()),
                    all.size()));
        }
        return out;
    }

    /** By time; events in the same instant in the order of a message's life (sent before delivered). */
    private static final Comparator<EventRecord> LIFE_ORDER = Comparator.comparing(EventRecord::getAt)
            .thenComparing(r -> EventType.valueOf(r.getEventType()))
            .thenComparing(EventRecord::getId);

    @Override
    public List<Event> timeline(TenantId tenant, String messageId, int limit) {
        List<EventRecord> rows = new ArrayList<>(tx.dsl()
                .selectFrom(EVENT)
                .where(EVENT.TENANT_ID.eq(tenant.value()))
                .and(EVENT.MESSAGE_ID.eq(messageId))
                .orderBy(EVENT.AT, EVENT.ID)
                .limit(limit)
                .fetch());
        rows.sort(LIFE_ORDER);
        // Complaints' report fields, for the complaint events only, in this tenant only.
        Map<Long, ComplaintReport> complaints = ComplaintReports.of(
                tx.dsl(),
                tenant,
                rows.stream()
                        .filter(r -> COMPLAINT_TYPES.contains(r.getEventType()))
                        .map(EventRecord::getId)
                        .toList());
        return rows.stream()
                .map(r -> event(r, Optional.ofNullable(complaints.get(r.getId()))))
                .toList();
    }

    /** The event types a feedback report records (ReportIngestService): only these can have report fields. */
    private static final Set<String> COMPLAINT_TYPES =
            Set.of(EventType.COMPLAINED.name(), EventType.UNSUBSCRIBED.name());

    private static Event event(EventRecord r, Optional<ComplaintReport> complaint) {
        EventDetails details = new EventDetails(
                r.getSmtpReply() == null ? OptionalInt.empty() : OptionalInt.of(r.getSmtpReply()),
                Optional.ofNullable(r.getStatusCode()).flatMap(EnhancedStatus::parse),
                r.getDiagnostic() == null ? "" : r.getDiagnostic(),
                complaint);
        return new Event(
                new TenantId(r.getTenantId()),
                r.getDomainName(),
                Times.fromDb(r.getAt()),
                r.getRecipient(),
                Optional.ofNullable(r.getMessageId()),
                EventType.valueOf(r.getEventType()),
                details);
    }
}
