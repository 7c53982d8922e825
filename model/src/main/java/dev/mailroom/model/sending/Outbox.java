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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
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
 *   <li>a message over a daily limit ({@link SendingLimits}) is DEFERRED to the next allowed day or
 *       REJECTED, as the tenant's setting says, also before any network traffic;</li>
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
    private final SendingLimits limits;

    /** An outbox without daily limits (warm-up plans, probation). */
    public Outbox(OutboxStore store, EndpointResolver endpoints, SendingDomains domains, MailTransport transport,
            SuppressionStore suppressions, EventStore events, Transactions tx, Clock clock, RetryPolicy retry) {
        this(store, endpoints, domains, transport, suppressions, events, tx, clock, retry, SendingLimits.NONE);
    }

    public Outbox(OutboxStore store, EndpointResolver endpoints, SendingDomains domains, MailTransport transport,
            SuppressionStore suppressions, EventStore events, Transactions tx, Clock clock, RetryPolicy retry,
            SendingLimits limits) {
        this.limits = limits;
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
     * Sends every message due now and returns when none is left that is due. Up to {@code parallelism}
     * SMTP conversations run at once; outcomes are recorded by one writer thread in batches (one
     * transaction per batch), so the store is not the bottleneck. At most {@code 2 × parallelism}
     * messages are SENDING at any time, which bounds what a crash can leave in doubt.
     */
    public DrainReport drain(int parallelism) {
        int capacity = 2 * parallelism;
        Map<OutboxState, AtomicInteger> counts = new EnumMap<>(OutboxState.class);
        for (OutboxState s : OutboxState.values()) {
            counts.put(s, new AtomicInteger());
        }
        Map<Key, SmtpEndpoint> endpointCache = new HashMap<>();
        Semaphore slots = new Semaphore(capacity);
        BlockingQueue<Done> done = new LinkedBlockingQueue<>();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "outbox-sender-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Thread recorder = new Thread(() -> recordLoop(done, counts, slots), "outbox-recorder");
        recorder.setDaemon(true);
        recorder.start();
        try {
            boolean lastLook = false;
            while (true) {
                slots.acquireUninterruptibly();
                int n = 1 + slots.drainPermits();
                List<Prepared> claimed = tx.inTransaction(() -> prepare(store.claimDue(clock.instant(), n), endpointCache));
                slots.release(n - claimed.size());
                if (claimed.isEmpty()) {
                    if (lastLook) {
                        break;
                    }
                    // Wait for everything in flight, then look once more: a failure may have freed work.
                    slots.acquireUninterruptibly(capacity);
                    slots.release(capacity);
                    lastLook = true;
                    continue;
                }
                lastLook = false;
                for (Prepared p : claimed) {
                    if (p.decided() != null) {
                        done.add(p.decided());
                    } else {
                        pool.execute(() -> done.add(send(p)));
                    }
                }
            }
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
                done.add(Done.STOP);
                recorder.join(TimeUnit.MINUTES.toMillis(1));
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

    /** A claimed message ready to send, or already decided without any network traffic. */
    private record Prepared(OutboxMessage message, SmtpEndpoint endpoint, OutgoingMail mail, Done decided) {
    }

    /**
     * What to write for one message: its new state and the event to record (null for none).
     * {@link #STOP} ends the writer.
     */
    private record Done(OutboxMessage message, OutboxState state, Optional<Instant> next, Optional<Instant> sentAt,
            DeliveryOutcome outcome, EventType event) {
        static final Done STOP = new Done(null, null, null, null, null, null);
    }

    /** Inside the claim's transaction: the checks that need no network (suppression, connection, DKIM key). */
    private List<Prepared> prepare(List<OutboxMessage> claimed, Map<Key, SmtpEndpoint> endpointCache) {
        Instant now = clock.instant();
        List<Prepared> out = new ArrayList<>(claimed.size());
        SendingLimits.Batch limited = limits.batch(claimed);
        for (OutboxMessage m : claimed) {
            Optional<Suppression> suppressed = suppressions.find(m.tenant(), m.domain(), m.to()).filter(s -> s.activeAt(now));
            if (suppressed.isPresent()) {
                Suppression s = suppressed.get();
                out.add(decided(m, OutboxState.REJECTED, "Not sent: " + m.to() + " is on this domain's suppression list ("
                        + s.reason().name().toLowerCase().replace('_', ' ') + (s.note().isEmpty() ? "" : ": " + s.note()) + ").",
                        EventType.REJECTED));
                continue;
            }
            // Daily limits (warm-up, probation): after suppressions, so a refused recipient uses no allowance.
            Optional<SendingLimits.Verdict> over = limited.check(m);
            if (over.isPresent()) {
                out.add(overLimit(m, over.get()));
                continue;
            }
            if (m.connection().isEmpty()) {
                out.add(decided(m, OutboxState.FAILED, "Not sent: its connection was removed.", null));
                continue;
            }
            Optional<DkimSigningKey> key = domains.activeDkimKey(m.tenant(), m.domain());
            if (key.isEmpty()) {
                out.add(decided(m, OutboxState.REJECTED, "Not sent: " + m.domain()
                        + " has no active DKIM key, and Mailroom sends only signed mail.", EventType.REJECTED));
                continue;
            }
            SmtpEndpoint endpoint;
            try {
                Key k = new Key(m.tenant(), m.connection().get());
                endpoint = endpointCache.get(k);
                if (endpoint == null) {
                    endpoint = endpoints.resolve(k.tenant(), k.connection());
                    endpointCache.put(k, endpoint);
                }
            } catch (MailroomException e) {
                out.add(decided(m, OutboxState.FAILED, "Not sent: " + e.getMessage(), null));
                continue;
            }
            out.add(new Prepared(m, endpoint, m.toMail(key), null));
        }
        return out;
    }

    private static Prepared decided(OutboxMessage m, OutboxState state, String note, EventType event) {
        return new Prepared(m, null, null, new Done(m, state, Optional.empty(), Optional.empty(),
                new DeliveryOutcome(DeliveryOutcome.Kind.PERMANENT, OptionalInt.empty(), note), event));
    }

    private static Prepared overLimit(OutboxMessage m, SendingLimits.Verdict v) {
        return new Prepared(m, null, null, new Done(m, v.state(), v.nextAttempt(), Optional.empty(),
                new DeliveryOutcome(DeliveryOutcome.Kind.PERMANENT, OptionalInt.empty(), v.reason()), v.event()));
    }

    /** On a sender thread: the SMTP conversation, and what its outcome means for the message. */
    private Done send(Prepared p) {
        OutboxMessage m = p.message();
        DeliveryOutcome o;
        try {
            o = transport.send(p.endpoint(), p.mail());
        } catch (RuntimeException e) {
            // The transport promises outcomes, not exceptions; treat a surprise as temporary rather than lose the message.
            o = DeliveryOutcome.temporary(OptionalInt.empty(), "Unexpected error while sending ("
                    + e.getClass().getSimpleName() + "); will try again.");
        }
        Instant now = clock.instant();
        switch (o.kind()) {
            case ACCEPTED:
                return new Done(m, OutboxState.SENT, Optional.empty(), Optional.of(now), o, EventType.SENT);
            case TEMPORARY: {
                Optional<Instant> next = retry.nextAttempt(m.attempts(), m.createdAt(), now, ThreadLocalRandom.current().nextDouble());
                if (next.isPresent()) {
                    return new Done(m, OutboxState.DEFERRED, next, Optional.empty(), o, EventType.DEFERRED);
                }
                return new Done(m, OutboxState.FAILED, Optional.empty(), Optional.empty(), new DeliveryOutcome(o.kind(), o.reply(),
                        "Gave up after " + m.attempts() + " attempts over " + retry.maxAge().toHours() + " hours. Last: "
                                + o.description()), EventType.SOFT_BOUNCE);
            }
            case RECIPIENT_REFUSED:
                return new Done(m, OutboxState.FAILED, Optional.empty(), Optional.empty(), o, EventType.HARD_BOUNCE);
            case PERMANENT:
            default:
                return new Done(m, OutboxState.FAILED, Optional.empty(), Optional.empty(), o, null);
        }
    }

    /** The writer: takes what is done, a batch at a time, and records each batch in one transaction. */
    private void recordLoop(BlockingQueue<Done> queue, Map<OutboxState, AtomicInteger> counts, Semaphore slots) {
        List<Done> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, 499);
            if (batch.remove(Done.STOP)) {
                stop = true;
                queue.drainTo(batch); // anything that raced in after STOP
            }
            if (batch.isEmpty()) {
                continue;
            }
            try {
                retrying(() -> {
                    record(batch);
                    return null;
                });
                batch.forEach(d -> counts.get(d.state()).incrementAndGet());
            } catch (RuntimeException e) {
                // The store refused even after retries: the messages must not look unsent.
                for (Done d : batch) {
                    counts.get(markInDoubt(d.message(), e)).incrementAndGet();
                }
            } finally {
                slots.release(batch.size());
            }
        }
    }

    /** One transaction: each message's state, its event, and what the suppression rules make of bounces. */
    private void record(List<Done> batch) {
        Instant now = clock.instant();
        List<Event> plain = new ArrayList<>(batch.size());
        store.recordOutcomes(batch.stream().map(d -> new OutboxStore.Outcome(d.message().id(), d.state(), d.next(), d.sentAt(),
                d.outcome().reply(), d.outcome().description())).toList());
        for (Done d : batch) {
            OutboxMessage m = d.message();
            if (d.event() == null) {
                continue;
            }
            Event e = event(m, now, d.event(), d.outcome());
            if (d.event() == EventType.HARD_BOUNCE || d.event() == EventType.SOFT_BOUNCE) {
                Optional<Suppression> current = suppressions.find(e.tenant(), e.domain(), e.recipient());
                List<Instant> earlier = d.event() == EventType.SOFT_BOUNCE
                        ? events.softBounceTimes(e.tenant(), e.domain(), e.recipient(), now.minus(SuppressionRules.WINDOW), now)
                        : List.of();
                events.append(List.of(e));
                SuppressionRules.apply(e, current, earlier).ifPresent(suppressions::put);
            } else {
                plain.add(e);
            }
        }
        if (!plain.isEmpty()) {
            events.append(plain);
        }
    }

    private OutboxState markInDoubt(OutboxMessage m, RuntimeException cause) {
        LOG.log(System.Logger.Level.ERROR, "Recording the outcome of {0} failed ({1}); marking it in doubt",
                m.id(), cause.getClass().getSimpleName());
        try {
            tx.inTransaction(() -> store.transition(m.id(), Set.of(OutboxState.SENDING), OutboxState.IN_DOUBT,
                    Optional.empty(), Optional.empty(), OptionalInt.empty(),
                    "Mailroom could not record what the server said about this message; it may have been accepted."));
            return OutboxState.IN_DOUBT;
        } catch (RuntimeException again) {
            return OutboxState.SENDING; // becomes in doubt at the next start
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
