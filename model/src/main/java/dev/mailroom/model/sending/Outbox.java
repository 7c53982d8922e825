package dev.mailroom.model.sending;

import dev.mailroom.model.activity.EnhancedStatus;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventDetails;
import dev.mailroom.model.activity.EventStore;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.common.MailroomException;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.suppressions.Suppression;
import dev.mailroom.model.suppressions.SuppressionRules;
import dev.mailroom.model.suppressions.SuppressionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The durable outbox: messages are stored (and a QUEUED event recorded) before any network traffic,
 * then sent by {@link #drain}. Per message:
 * <ol>
 *   <li>it is claimed: its state becomes SENDING in a committed transaction <em>before</em> the SMTP
 *       conversation, so a message found SENDING after a crash is known to be in doubt;</li>
 *   <li>a suppressed recipient is REJECTED with the reason, before any network traffic;</li>
 *   <li>the relay's answer decides: accepted → SENT; 4xx or no connection → DEFERRED with back-off
 *       (FAILED and a soft bounce once past the maximum age); 5xx to the recipient → FAILED, a hard
 *       bounce, and the recipient suppressed by {@link SuppressionRules}.</li>
 * </ol>
 * Each outcome, its event and any suppression land in one transaction.
 *
 * <p>This class runs for the agency's sender, not for a signed-in person: permission checks happen
 * where messages are queued and where people act on them.
 */
public final class Outbox {
    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());
    private static final Pattern ENHANCED = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

    private final OutboxStore store;
    private final EndpointResolver endpoints;
    private final SendingDomains domains;
    private final MailTransport transport;
    private final SuppressionStore suppressions;
    private final EventStore events;
    private final Transactions tx;
    private final Clock clock;
    private final RetryPolicy retry;

    public Outbox(OutboxStore store, EndpointResolver endpoints, SendingDomains domains, MailTransport transport,
            SuppressionStore suppressions, EventStore events, Transactions tx, Clock clock, RetryPolicy retry) {
        this.store = store;
        this.endpoints = endpoints;
        this.domains = domains;
        this.transport = transport;
        this.suppressions = suppressions;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.retry = retry;
    }

    /** What one {@link #drain} did, by the state each message it handled ended in. */
    public record DrainReport(Map<OutboxState, Integer> byState) {
        public int count(OutboxState state) {
            return byState.getOrDefault(state, 0);
        }
    }

    /**
     * Stores the messages, each with a new Message-ID at its sending domain, and records their QUEUED
     * events, in one transaction. Call inside the caller's transaction to join it.
     */
    public List<OutboxMessage> enqueue(List<NewMessage> messages) {
        Instant now = clock.instant();
        List<OutboxMessage> rows = new ArrayList<>(messages.size());
        for (NewMessage m : messages) {
            String domain = m.domain();
            rows.add(new OutboxMessage(new OutboxId(0), m.tenant(), Optional.of(m.connection()), domain,
                    MessageIds.at(domain), m.fromAddress(), m.fromName(), m.to().trim(), m.subject(), m.textBody(),
                    m.htmlBody(), m.transactional(), m.unsubscribeUrl(), OutboxState.QUEUED, 0, now, now,
                    Optional.empty(), OptionalInt.empty(), ""));
        }
        return tx.inTransaction(() -> {
            List<OutboxId> ids = store.insert(rows);
            List<Event> queued = new ArrayList<>(rows.size());
            List<OutboxMessage> stored = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                OutboxMessage r = rows.get(i);
                stored.add(withId(r, ids.get(i)));
                queued.add(new Event(r.tenant(), r.domain(), now, r.to(), Optional.of(r.messageId()), EventType.QUEUED,
                        EventDetails.NONE));
            }
            events.append(queued);
            return stored;
        });
    }

    /**
     * Run once at start, before the first {@link #drain}: every message left SENDING by a process that
     * stopped is marked IN_DOUBT, since the relay may have accepted it. Returns them.
     */
    public List<OutboxMessage> recoverAfterStop() {
        return tx.inTransaction(() -> store.markSendingInDoubt(
                "Mailroom stopped while sending this message: the server may have accepted it. "
                        + "Check the recipient's mailbox or the relay's log, then send it again (same Message-ID) or mark it sent."));
    }

    /**
     * Sends every message due now with up to {@code parallelism} messages in flight, and returns when
     * none is left that is due. At most {@code parallelism} messages are SENDING at any time, which bounds
     * what a crash can leave in doubt.
     */
    public DrainReport drain(int parallelism) {
        Map<OutboxState, AtomicInteger> counts = new EnumMap<>(OutboxState.class);
        for (OutboxState s : OutboxState.values()) {
            counts.put(s, new AtomicInteger());
        }
        Map<Key, SmtpEndpoint> endpointCache = new java.util.concurrent.ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(parallelism);
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "outbox-sender-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            boolean lastLook = false;
            while (true) {
                slots.acquireUninterruptibly();
                int n = 1 + slots.drainPermits();
                List<OutboxMessage> claimed = tx.inTransaction(() -> store.claimDue(clock.instant(), n));
                slots.release(n - claimed.size());
                if (claimed.isEmpty()) {
                    if (lastLook) {
                        break;
                    }
                    // Wait for everything in flight, then look once more: a failure may have freed work.
                    slots.acquireUninterruptibly(parallelism);
                    slots.release(parallelism);
                    lastLook = true;
                    continue;
                }
                lastLook = false;
                for (OutboxMessage m : claimed) {
                    pool.execute(() -> {
                        try {
                            counts.get(processSafely(m, endpointCache)).incrementAndGet();
                        } finally {
                            slots.release();
                        }
                    });
                }
            }
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<OutboxState, Integer> result = new EnumMap<>(OutboxState.class);
        counts.forEach((s, c) -> {
            if (c.get() > 0) {
                result.put(s, c.get());
            }
        });
        return new DrainReport(result);
    }

    private record Key(TenantId tenant, ConnectionId connection) {
    }

    /**
     * When even recording the outcome fails (the store is gone), the message must not look unsent: it
     * is marked in doubt, or, if the store cannot take that either, stays SENDING and becomes in doubt
     * at the next start.
     */
    private OutboxState processSafely(OutboxMessage m, Map<Key, SmtpEndpoint> endpointCache) {
        try {
            return process(m, endpointCache);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Recording the outcome of {0} failed ({1}); marking it in doubt",
                    m.id(), e.getClass().getSimpleName());
            try {
                tx.inTransaction(() -> store.transition(m.id(), Set.of(OutboxState.SENDING), OutboxState.IN_DOUBT,
                        Optional.empty(), Optional.empty(), OptionalInt.empty(),
                        "Mailroom could not record what the server said about this message; it may have been accepted."));
                return OutboxState.IN_DOUBT;
            } catch (RuntimeException again) {
                return OutboxState.SENDING;
            }
        }
    }

    /**
     * Runs a short write, trying again when it fails: concurrent first writes of a day's roll-up row can
     * clash on H2, and the second try then finds the row.
     */
    private <T> T retrying(java.util.function.Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.inTransaction(work);
            } catch (dev.mailroom.model.common.ExternalFailure e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** One claimed message: check, send, record. Returns the state it ended in. */
    private OutboxState process(OutboxMessage m, Map<Key, SmtpEndpoint> endpointCache) {
        Instant now = clock.instant();
        Optional<Suppression> suppressed = tx.inTransaction(() -> suppressions.find(m.tenant(), m.domain(), m.to()))
                .filter(s -> s.activeAt(now));
        if (suppressed.isPresent()) {
            Suppression s = suppressed.get();
            String reason = "Not sent: " + m.to() + " is on this domain's suppression list ("
                    + s.reason().name().toLowerCase().replace('_', ' ') + (s.note().isEmpty() ? "" : ": " + s.note()) + ").";
            return finish(m, OutboxState.REJECTED, Optional.empty(), OptionalInt.empty(), reason, EventType.REJECTED);
        }
        if (m.connection().isEmpty()) {
            return finish(m, OutboxState.FAILED, Optional.empty(), OptionalInt.empty(),
                    "Not sent: its connection was removed.", null);
        }
        Optional<DkimSigningKey> key = domains.activeDkimKey(m.tenant(), m.domain());
        if (key.isEmpty()) {
            return finish(m, OutboxState.REJECTED, Optional.empty(), OptionalInt.empty(),
                    "Not sent: " + m.domain() + " has no active DKIM key, and Mailroom sends only signed mail.", EventType.REJECTED);
        }
        SmtpEndpoint endpoint;
        try {
            Key k = new Key(m.tenant(), m.connection().get());
            endpoint = endpointCache.computeIfAbsent(k, kk -> tx.inTransaction(() -> endpoints.resolve(kk.tenant(), kk.connection())));
        } catch (MailroomException e) {
            return finish(m, OutboxState.FAILED, Optional.empty(), OptionalInt.empty(), "Not sent: " + e.getMessage(), null);
        }
        DeliveryOutcome outcome;
        try {
            outcome = transport.send(endpoint, m.toMail(key));
        } catch (RuntimeException e) {
            // The transport promises outcomes, not exceptions; treat a surprise as temporary rather than lose the message.
            outcome = DeliveryOutcome.temporary(OptionalInt.empty(), "Unexpected error while sending ("
                    + e.getClass().getSimpleName() + "); will try again.");
        }
        return record(m, outcome);
    }

    private OutboxState record(OutboxMessage m, DeliveryOutcome o) {
        Instant now = clock.instant();
        switch (o.kind()) {
            case ACCEPTED:
                return retrying(() -> {
                    store.transition(m.id(), Set.of(OutboxState.SENDING), OutboxState.SENT, Optional.empty(), Optional.of(now),
                            o.reply(), o.description());
                    events.append(List.of(event(m, now, EventType.SENT, o)));
                    return OutboxState.SENT;
                });
            case TEMPORARY: {
                Optional<Instant> next = retry.nextAttempt(m.attempts(), m.createdAt(), now, ThreadLocalRandom.current().nextDouble());
                if (next.isPresent()) {
                    return retrying(() -> {
                        store.transition(m.id(), Set.of(OutboxState.SENDING), OutboxState.DEFERRED, next, Optional.empty(),
                                o.reply(), o.description());
                        events.append(List.of(event(m, now, EventType.DEFERRED, o)));
                        return OutboxState.DEFERRED;
                    });
                }
                String note = "Gave up after " + m.attempts() + " attempts over " + retry.maxAge().toHours()
                        + " hours. Last: " + o.description();
                return finish(m, OutboxState.FAILED, Optional.empty(), o.reply(), note, EventType.SOFT_BOUNCE);
            }
            case RECIPIENT_REFUSED:
                return finish(m, OutboxState.FAILED, Optional.empty(), o.reply(), o.description(), EventType.HARD_BOUNCE);
            case PERMANENT:
            default:
                return finish(m, OutboxState.FAILED, Optional.empty(), o.reply(), o.description(), null);
        }
    }

    /** A final state, its event (when one fits) and what the suppression rules make of it, in one transaction. */
    private OutboxState finish(OutboxMessage m, OutboxState state, Optional<Instant> next, OptionalInt reply, String note,
            EventType eventType) {
        Instant now = clock.instant();
        DeliveryOutcome o = new DeliveryOutcome(DeliveryOutcome.Kind.PERMANENT, reply, note);
        return retrying(() -> {
            store.transition(m.id(), Set.of(OutboxState.SENDING), state, next, Optional.empty(), reply, note);
            if (eventType != null) {
                Event e = event(m, now, eventType, o);
                Optional<Suppression> current = suppressions.find(e.tenant(), e.domain(), e.recipient());
                List<Instant> earlier = eventType == EventType.SOFT_BOUNCE
                        ? events.softBounceTimes(e.tenant(), e.domain(), e.recipient(), now.minus(SuppressionRules.WINDOW), now)
                        : List.of();
                events.append(List.of(e));
                SuppressionRules.apply(e, current, earlier).ifPresent(suppressions::put);
            }
            return state;
        });
    }

    private static Event event(OutboxMessage m, Instant at, EventType type, DeliveryOutcome o) {
        Matcher code = ENHANCED.matcher(o.description());
        Optional<EnhancedStatus> status = code.find() ? EnhancedStatus.parse(code.group(1)) : Optional.empty();
        OptionalInt reply = o.reply().isPresent() && o.reply().getAsInt() >= 200 && o.reply().getAsInt() <= 599 ? o.reply() : OptionalInt.empty();
        return new Event(m.tenant(), m.domain(), at, m.to(), Optional.of(m.messageId()), type,
                new EventDetails(reply, status, o.description()));
    }

    private static OutboxMessage withId(OutboxMessage r, OutboxId id) {
        return new OutboxMessage(id, r.tenant(), r.connection(), r.domain(), r.messageId(), r.fromAddress(), r.fromName(),
                r.to(), r.subject(), r.textBody(), r.htmlBody(), r.transactional(), r.unsubscribeUrl(), r.state(), r.attempts(),
                r.createdAt(), r.nextAttemptAt(), r.sentAt(), r.lastReply(), r.note());
    }
}
