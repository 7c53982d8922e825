package dev.mailroom.persistence.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.activity.EnhancedStatus;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventDetails;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.MessageLogQuery;
import dev.mailroom.model.activity.MessageLogResults;
import dev.mailroom.model.activity.MessageSummary;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.OutboxId;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.sending.JooqOutboxStore;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JooqMessageLogStoreTest {
    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00Z");
    private static final MessageLogQuery ALL =
            MessageLogQuery.all(T0.minusSeconds(86_400), T0.plusSeconds(30 * 86_400));

    @TempDir
    Path dir;

    private static TenantId tenant(Store store, String name) {
        JooqTenantStore tenants = new JooqTenantStore(store.transactions());
        return store.transactions()
                .inTransaction(() -> tenants.insert(
                        new TenantDraft(
                                name,
                                "#3366CC",
                                "Jo Smith",
                                "jo@example.com",
                                OwnershipModel.CLIENT_OWNED,
                                PartnerAccessPattern.AGENCY_MANAGED),
                        T0));
    }

    /** Message i of a tenant: sent at T0 + i minutes; every 10th hard-bounces, every 7th deferred first, others delivered. */
    private static List<Event> message(TenantId t, String prefix, int i) {
        String id = "<" + prefix + i + "@mail.tryacme.com>";
        String to = "user" + i + "@example.net";
        Instant at = T0.plusSeconds(60L * i);
        List<Event> out = new ArrayList<>();
        out.add(new Event(t, "mail.tryacme.com", at, to, Optional.of(id), EventType.SENT, EventDetails.NONE));
        if (i % 10 == 0) {
            out.add(new Event(
                    t,
                    "mail.tryacme.com",
                    at.plusSeconds(2),
                    to,
                    Optional.of(id),
                    EventType.HARD_BOUNCE,
                    new EventDetails(
                            OptionalInt.of(550), Optional.of(EnhancedStatus.of("5.1.1")), "550 5.1.1 no such user")));
            return out;
        }
        if (i % 7 == 0) {
            out.add(new Event(
                    t,
                    "mail.tryacme.com",
                    at.plusSeconds(5),
                    to,
                    Optional.of(id),
                    EventType.DEFERRED,
                    new EventDetails(
                            OptionalInt.of(421), Optional.of(EnhancedStatus.of("4.7.28")), "421 4.7.28 rate limited")));
        }
        out.add(new Event(
                t,
                "mail.tryacme.com",
                at.plusSeconds(30),
                to,
                Optional.of(id),
                EventType.DELIVERED,
                EventDetails.NONE));
        return out;
    }

    private static List<Event> messages(TenantId t, String prefix, int n) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.addAll(message(t, prefix, i));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void pagesThroughEveryMessageOnceNewestFirstAndNeverAnotherTenants(Backend backend) {
        try (Store store = backend.open(dir)) {
            TenantId acme = tenant(store, "Acme");
            TenantId globex = tenant(store, "Globex");
            JooqEventStore events = new JooqEventStore(store.transactions());
            store.transactions().run(() -> events.append(messages(acme, "a", 250)));
            store.transactions().run(() -> events.append(messages(globex, "g", 40)));
            JooqMessageLogStore log = new JooqMessageLogStore(store.transactions());

            List<MessageSummary> seen = new ArrayList<>();
            Optional<MessageLogResults.Cursor> cursor = Optional.empty();
            int pages = 0;
            do {
                Optional<MessageLogResults.Cursor> after = cursor;
                MessageLogResults page = store.transactions().inTransaction(() -> log.search(acme, ALL, after, 60));
                assertThat(page.messages()).hasSizeLessThanOrEqualTo(60);
                seen.addAll(page.messages());
                cursor = page.next();
                pages++;
            } while (cursor.isPresent() && pages < 20);

            assertThat(pages).isEqualTo(5);
            assertThat(seen).hasSize(250);
            assertThat(new HashSet<>(
                            seen.stream().map(MessageSummary::messageId).toList()))
                    .hasSize(250);
            assertThat(seen).allSatisfy(m -> assertThat(m.messageId()).startsWith("<a"));
            assertThat(seen.get(0).messageId()).isEqualTo("<a249@mail.tryacme.com>");
            assertThat(seen).isSortedAccordingTo((x, y) -> y.firstAt().compareTo(x.firstAt()));
            MessageSummary bounced = seen.stream()
                    .filter(m -> m.messageId().equals("<a120@mail.tryacme.com>"))
                    .findFirst()
                    .orElseThrow();
            assertThat(bounced.status()).isEqualTo(EventType.HARD_BOUNCE);
            assertThat(bounced.events()).isEqualTo(2);
            MessageSummary deferred = seen.stream()
                    .filter(m -> m.messageId().equals("<a7@mail.tryacme.com>"))
                    .findFirst()
                    .orElseThrow();
            assertThat(deferred.status()).isEqualTo(EventType.DELIVERED);
            assertThat(deferred.events()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void filtersByStatusRecipientMessageIdSubjectAndDate(Backend backend) {
        try (Store store = backend.open(dir)) {
            TenantId acme = tenant(store, "Acme");
            TenantId globex = tenant(store, "Globex");
            JooqEventStore events = new JooqEventStore(store.transactions());
            store.transactions().run(() -> events.append(messages(acme, "a", 100)));
            // Globex sent to the same addresses: a search in Acme must not find Globex's messages.
            store.transactions().run(() -> events.append(messages(globex, "g", 100)));
            JooqOutboxStore outbox = new JooqOutboxStore(store.transactions());
            store.transactions()
                    .run(() -> outbox.insert(List.of(
                            outboxRow(acme, "<a42@mail.tryacme.com>", "user42@example.net", "Your April invoice"),
                            outboxRow(acme, "<a43@mail.tryacme.com>", "user43@example.net", "Spring sale"),
                            outboxRow(globex, "<g44@mail.tryacme.com>", "user44@example.net", "Globex invoice"))));
            JooqMessageLogStore log = new JooqMessageLogStore(store.transactions());

            List<MessageSummary> bounces = search(
                    store,
                    log,
                    acme,
                    new MessageLogQuery("", "", "", Optional.of(EventType.HARD_BOUNCE), ALL.from(), ALL.to()));
            assertThat(bounces)
                    .extracting(MessageSummary::messageId)
                    .hasSize(10)
                    .allSatisfy(id -> assertThat(id).startsWith("<a"))
                    .contains("<a0@mail.tryacme.com>", "<a90@mail.tryacme.com>");

            List<MessageSummary> deferred = search(
                    store,
                    log,
                    acme,
                    new MessageLogQuery("", "", "", Optional.of(EventType.DEFERRED), ALL.from(), ALL.to()));
            // 7, 14, …, 98 minus those that bounced instead (70).
            assertThat(deferred)
                    .hasSize(13)
                    .allSatisfy(m -> assertThat(m.status()).isEqualTo(EventType.DELIVERED));

            assertThat(search(
                            store,
                            log,
                            acme,
                            new MessageLogQuery("USER42@example.net", "", "", Optional.empty(), ALL.from(), ALL.to())))
                    .singleElement()
                    .satisfies(m -> {
                        assertThat(m.messageId()).isEqualTo("<a42@mail.tryacme.com>");
                        assertThat(m.subject()).contains("Your April invoice");
                    });
            assertThat(search(
                            store,
                            log,
                            acme,
                            new MessageLogQuery("user9", "", "", Optional.empty(), ALL.from(), ALL.to())))
                    .extracting(MessageSummary::recipient)
                    .hasSize(11)
                    .allSatisfy(r -> assertThat(r).startsWith("user9"));
            assertThat(search(
                            store,
                            log,
                            acme,
                            new MessageLogQuery(
                                    "", "", "a43@mail.tryacme.com", Optional.empty(), ALL.from(), ALL.to())))
                    .extracting(MessageSummary::recipient)
                    .containsExactly("user43@example.net");
            assertThat(search(
                            store,
                            log,
                            acme,
                            new MessageLogQuery(
                                    "", "", "<g43@mail.tryacme.com>", Optional.empty(), ALL.from(), ALL.to())))
                    .isEmpty();
            assertThat(search(
                            store,
                            log,
                            acme,
                            new MessageLogQuery("", "invoice", "", Optional.empty(), ALL.from(), ALL.to())))
                    .extracting(MessageSummary::messageId)
                    .containsExactly("<a42@mail.tryacme.com>");
            // Messages 10..19 were sent between T0+10 min and T0+20 min.
            assertThat(search(
                            store,
                            log,
                            acme,
                            new MessageLogQuery(
                                    "", "", "", Optional.empty(), T0.plusSeconds(600), T0.plusSeconds(1200))))
                    .extracting(MessageSummary::messageId)
                    .hasSize(10)
                    .first()
                    .isEqualTo("<a19@mail.tryacme.com>");
        }
    }

    @Test
    void aQueuedMessageIsListedOnceWhetherOrNotItWentOn() {
        try (Store store = Backend.H2.open(dir)) {
            TenantId acme = tenant(store, "Acme");
            JooqEventStore events = new JooqEventStore(store.transactions());
            store.transactions()
                    .run(() -> events.append(List.of(
                            new Event(
                                    acme,
                                    "tryacme.com",
                                    T0,
                                    "a@example.net",
                                    Optional.of("<q1@x>"),
                                    EventType.QUEUED,
                                    EventDetails.NONE),
                            new Event(
                                    acme,
                                    "tryacme.com",
                                    T0.plusSeconds(1),
                                    "a@example.net",
                                    Optional.of("<q1@x>"),
                                    EventType.SENT,
                                    EventDetails.NONE),
                            new Event(
                                    acme,
                                    "tryacme.com",
                                    T0.plusSeconds(2),
                                    "b@example.net",
                                    Optional.of("<q2@x>"),
                                    EventType.QUEUED,
                                    EventDetails.NONE),
                            new Event(
                                    acme,
                                    "tryacme.com",
                                    T0.plusSeconds(3),
                                    "c@example.net",
                                    Optional.empty(),
                                    EventType.OPENED,
                                    EventDetails.NONE))));
            JooqMessageLogStore log = new JooqMessageLogStore(store.transactions());
            assertThat(search(store, log, acme, ALL))
                    .extracting(MessageSummary::messageId, MessageSummary::status)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("<q2@x>", EventType.QUEUED),
                            org.assertj.core.groups.Tuple.tuple("<q1@x>", EventType.SENT));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void timelineIsOneMessagesEventsInOrderWithWhatTheServerSaid(Backend backend) {
        try (Store store = backend.open(dir)) {
            TenantId acme = tenant(store, "Acme");
            TenantId globex = tenant(store, "Globex");
            JooqEventStore events = new JooqEventStore(store.transactions());
            store.transactions().run(() -> events.append(messages(acme, "m", 30)));
            store.transactions().run(() -> events.append(messages(globex, "m", 30)));
            JooqMessageLogStore log = new JooqMessageLogStore(store.transactions());
            List<Event> timeline =
                    store.transactions().inTransaction(() -> log.timeline(acme, "<m14@mail.tryacme.com>", 100));
            assertThat(timeline)
                    .extracting(Event::type)
                    .containsExactly(EventType.SENT, EventType.DEFERRED, EventType.DELIVERED);
            assertThat(timeline).allSatisfy(e -> assertThat(e.tenant()).isEqualTo(acme));
            assertThat(timeline.get(1).details().smtpReply()).hasValue(421);
            assertThat(timeline.get(1).details().status()).contains(EnhancedStatus.of("4.7.28"));
            assertThat(timeline.get(1).details().diagnostic()).isEqualTo("421 4.7.28 rate limited");
        }
    }

    /** The plan, not a timing: the status search walks the V35 index instead of sorting the tenant's events. */
    @Test
    void statusSearchWalksTheTenantTypeTimeIndex() {
        try (Store store = Backend.H2.open(dir)) {
            TenantId acme = tenant(store, "Acme");
            String plan = store.transactions()
                    .inTransaction(() -> store.transactions()
                            .dsl()
                            .fetchValue(
                                    "explain select * from event where tenant_id = ? and event_type = 'HARD_BOUNCE' and at >= ? and at < ?"
                                            + " and message_id is not null order by tenant_id, event_type, at desc, id desc limit 101",
                                    acme.value(),
                                    java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z"),
                                    java.time.OffsetDateTime.parse("2026-04-01T00:00:00Z")))
                    .toString();
            assertThat(plan).containsIgnoringCase("EVENT_TENANT_TYPE_AT").contains("index sorted");
        }
    }

    private static List<MessageSummary> search(Store store, JooqMessageLogStore log, TenantId t, MessageLogQuery q) {
        return store.transactions()
                .inTransaction(() -> log.search(t, q, Optional.empty(), 100))
                .messages();
    }

    private static OutboxMessage outboxRow(TenantId t, String messageId, String to, String subject) {
        return new OutboxMessage(
                new OutboxId(0),
                t,
                Optional.empty(),
                "mail.tryacme.com",
                messageId,
                "news@mail.tryacme.com",
                "Acme",
                to,
                subject,
                "Hello",
                Optional.empty(),
                false,
                Optional.empty(),
                OutboxState.QUEUED,
                0,
                T0,
                T0,
                Optional.empty(),
                OptionalInt.empty(),
                "");
    }
}
