package dev.mailroom.app.demo;

import static dev.mailroom.persistence.jooq.Tables.EVENT;
import static dev.mailroom.persistence.jooq.Tables.OUTBOX_MESSAGE;

import dev.mailroom.app.session.Services;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.OutboxId;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.persistence.sending.JooqOutboxStore;
import dev.mailroom.persistence.store.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Names for the demo's recipients and subjects for its recent messages, so that the message log reads
 * like a client's real mail. Recipients come from the number the event generator already draws (no
 * extra randomness: the events stay the same); subjects are written as the sent outbox rows of the
 * last {@link #RECENT} of messages, as the sender would have left them.
 */
final class DemoMessages {
    static final Duration RECENT = Duration.ofDays(14);
    private static final String[] FIRST = {
        "emma", "liam", "olivia", "noah", "ava", "lucas", "mia", "leo", "sofia", "jonas", "chloe", "mateo", "isla",
        "arjun", "hannah", "omar", "freya", "daniel", "yuki", "grace", "tomas", "amara", "felix", "nina", "samuel",
        "lea", "ravi", "clara", "ben", "zoe", "elias", "maya"
    };
    private static final String[] LAST = {
        "smith",
        "muller",
        "garcia",
        "rossi",
        "nguyen",
        "kowalski",
        "jensen",
        "oconnor",
        "silva",
        "schmidt",
        "brown",
        "dubois",
        "novak",
        "tanaka",
        "patel",
        "berg",
        "khan",
        "walsh",
        "moreau",
        "fischer",
        "lopez",
        "wright",
        "hughes",
        "kim",
        "ivanova",
        "larsen",
        "evans",
        "costa",
        "weber",
        "murphy",
        "sato",
        "hall",
        "byrne",
        "keller",
        "ortiz",
        "wood",
        "meyer",
        "clarke",
        "russo",
        "lund"
    };

    private DemoMessages() {}

    /** A person's address for the generator's number {@code n} (0..39,999): one address per number. */
    static String address(int n, String mailbox) {
        String first = FIRST[n % FIRST.length];
        String last = LAST[(n / FIRST.length) % LAST.length];
        int round = n / (FIRST.length * LAST.length);
        String sep = (n & 1) == 0 ? "." : "_";
        return first + sep + last + (round == 0 ? "" : Integer.toString(round + 10)) + "@" + mailbox;
    }

    /** Writes a sent outbox row, with a subject from {@code subjects}, for each of the tenant's recent messages. */
    static int subjects(Services s, TenantId tenant, String fromName, List<String> subjects) {
        var tx = s.store().transactions();
        Instant since = s.clock().instant().minus(RECENT);
        record Sent(String messageId, String domain, String recipient, Instant at) {}
        List<Sent> sent = tx.inTransaction(() -> tx.dsl()
                .select(EVENT.MESSAGE_ID, EVENT.DOMAIN_NAME, EVENT.RECIPIENT, EVENT.AT)
                .from(EVENT)
                .where(EVENT.TENANT_ID.eq(tenant.value()))
                .and(EVENT.EVENT_TYPE.eq(EventType.SENT.name()))
                .and(EVENT.AT.ge(Times.toDb(since)))
                .and(EVENT.MESSAGE_ID.isNotNull())
                .fetch(r -> new Sent(r.value1(), r.value2(), r.value3(), Times.fromDb(r.value4()))));
        List<OutboxMessage> rows = new ArrayList<>(sent.size());
        for (Sent m : sent) {
            // A campaign a day: the subject follows the day, so a day's mail reads as one send.
            int day = (int) (m.at().getEpochSecond() / 86_400);
            String subject = subjects.get(Math.floorMod(day * 7 + (m.messageId().hashCode() & 3), subjects.size()));
            rows.add(new OutboxMessage(
                    new OutboxId(0),
                    tenant,
                    Optional.empty(),
                    m.domain(),
                    m.messageId(),
                    "hello@" + m.domain(),
                    fromName,
                    m.recipient(),
                    subject,
                    "(demo)",
                    Optional.empty(),
                    false,
                    Optional.empty(),
                    OutboxState.QUEUED,
                    1,
                    m.at(),
                    m.at(),
                    Optional.of(m.at()),
                    OptionalInt.of(250),
                    ""));
        }
        JooqOutboxStore outbox = new JooqOutboxStore(tx);
        for (int i = 0; i < rows.size(); i += 2_000) {
            List<OutboxMessage> batch = rows.subList(i, Math.min(rows.size(), i + 2_000));
            // Sent in the transaction that writes them: the sender never sees them queued.
            tx.run(() -> {
                outbox.insert(batch);
                tx.dsl()
                        .update(OUTBOX_MESSAGE)
                        .set(OUTBOX_MESSAGE.STATE, OutboxState.SENT.name())
                        .set(OUTBOX_MESSAGE.SENT_AT, OUTBOX_MESSAGE.CREATED_AT)
                        .set(OUTBOX_MESSAGE.LAST_REPLY, (short) 250)
                        .set(OUTBOX_MESSAGE.ATTEMPTS, 1)
                        .where(OUTBOX_MESSAGE.TENANT_ID.eq(tenant.value()))
                        .and(OUTBOX_MESSAGE.STATE.eq(OutboxState.QUEUED.name()))
                        .execute();
            });
        }
        return rows.size();
    }

    static final Map<String, List<String>> SUBJECTS = Map.of(
            "able",
                    List.of(
                            "Your weekly Able Moose picks",
                            "Spring sale: 20% off camping gear",
                            "Your order has shipped",
                            "Back in stock: the trail pack you liked",
                            "Members' evening on Thursday",
                            "Receipt for your order",
                            "Last chance: free delivery ends tonight"),
            "river",
                    List.of(
                            "Your appointment with Riverbend Legal",
                            "Documents ready for signature",
                            "Invoice for legal services",
                            "Reminder: hearing date next week",
                            "Riverbend Legal newsletter"),
            "north",
                    List.of(
                            "Shipment update: out for delivery",
                            "Your delivery is delayed",
                            "Proof of delivery attached",
                            "Northwind rate card 2026",
                            "Action needed: customs paperwork",
                            "Collection booked for tomorrow"));
}
