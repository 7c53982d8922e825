package dev.mailroom.model.sending;

import dev.mailroom.model.activity.EnhancedStatus;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventDetails;
import dev.mailroom.model.activity.EventStore;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.common.InlineImage;
import dev.mailroom.model.common.MailroomException;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.sending.MailTransport.Ready;
import dev.mailroom.model.suppressions.SuppressingEvents;
import dev.mailroom.model.suppressions.Suppression;
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
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One run of {@link Outbox#drain}: the drain loop, apart from the outbox's other use. Its threads, what
 * it looked up once rather than per message, what it counted. The calling thread is the bookkeeper.
 * See {@link Outbox#drain} for the pipeline.
 */
final class OutboxDrain {
    private static final System.Logger LOG = System.getLogger(OutboxDrain.class.getName());
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

    private record Key(TenantId tenant, ConnectionId connection) {}

    private record DomainKey(TenantId tenant, String domain) {}

    /** A claimed message ready to sign and send, or already decided without any network traffic. */
    private record Claimed(OutboxMessage message, SmtpEndpoint endpoint, OutgoingMail mail, Done decided) {}

    /**
     * What to write for one message: its new state and the event to record (null for none).
     *
     * @param recorded true when it is in the store already (a session records its own outcomes) or when
     *     there is nothing this console may write (its claim was taken over)
     */
    private record Done(
            OutboxMessage message,
            OutboxState state,
            Optional<Instant> next,
            Optional<Instant> sentAt,
            DeliveryOutcome outcome,
            EventType event,
            boolean recorded) {
        Done(
                OutboxMessage message,
                OutboxState state,
                Optional<Instant> next,
                Optional<Instant> sentAt,
                DeliveryOutcome outcome,
                EventType event) {
            this(message, state, next, sentAt, outcome, event, false);
        }

        Done asRecorded() {
            return new Done(message, state, next, sentAt, outcome, event, true);
        }
    }

    /** Thrown by the end-of-data hook when this console no longer holds the message's claim. */
    private static final class ClaimLost extends RuntimeException {
        ClaimLost() {
            super("the claim was taken over by another console", null, false, false);
        }
    }

    private final int window;
    private final BlockingQueue<Done> done = new LinkedBlockingQueue<>();
    private final Map<OutboxState, AtomicInteger> counts = new EnumMap<>(OutboxState.class);
    // Read by the bookkeeper only; a drain is short, so a key or connection changed meanwhile applies from the
    // next.
    private final Map<Key, SmtpEndpoint> endpointCache = new HashMap<>();
    private final Map<DomainKey, Optional<DkimSigningKey>> keyCache = new HashMap<>();
    /** Stored parts by tenant and hash: a campaign's logo or PDF is read once per drain, not once per message. */
    private final Map<TenantId, Map<String, InlineImage>> inlineCache = new HashMap<>();

    private final ExecutorService signers;
    private final ExecutorService senders;
    private final SenderLease lease;
    private final ScheduledExecutorService leaseKeeper;
    /** Claimed and not yet recorded: SENDING or TRANSMITTING in the store. */
    private int inFlight;

    OutboxDrain(
            OutboxStore store,
            EndpointResolver endpoints,
            SendingDomains domains,
            MailTransport transport,
            SuppressionStore suppressions,
            EventStore events,
            Transactions tx,
            Clock clock,
            RetryPolicy retry,
            SendingLimits limits,
            SenderLease lease,
            int parallelism) {
        this.lease = lease;
        this.store = store;
        this.endpoints = endpoints;
        this.domains = domains;
        this.transport = transport;
        this.suppressions = suppressions;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.retry = retry;
        this.limits = limits;
        window = Outbox.maxInFlight(parallelism);
        for (OutboxState s : OutboxState.values()) {
            counts.put(s, new AtomicInteger());
        }
        // Signing is CPU work: more threads than processors would only take turns.
        signers = threads(
                "outbox-signer-",
                Math.min(Math.max(1, parallelism), Runtime.getRuntime().availableProcessors()));
        senders = threads("outbox-sender-", Math.max(1, parallelism));
        leaseKeeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox-lease");
            t.setDaemon(true);
            return t;
        });
    }

    /** Renews this console's lease while the drain runs, so that no other console takes its claims over. */
    private void renewLease() {
        try {
            tx.inTransaction(() -> {
                store.renewLease(lease.instance(), clock.instant().plus(lease.length()));
                return null;
            });
        } catch (RuntimeException e) {
            // Tried again at the next renewal; should the lease run out meanwhile, the claims' compare-and-set
            // keeps two consoles from sending one message.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Could not renew the outbox lease: {0}",
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Each round is one transaction that records the outcomes that came in and claims the next
     * batch. A batch is claimed once half the window is free, so that rounds are few and large while
     * the sessions still have the other half to send.
     */
    Outbox.DrainReport run() {
        // Claims of consoles that stopped (their lease ended) are taken over first; this renews our own lease.
        Outbox.Recovery recovered;
        try {
            recovered = Outbox.recoverClaims(tx, store, clock, lease);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        if (recovered.requeued() + recovered.inDoubt().size() > 0) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Took over the claims of a stopped console: {0} queued again, {1} in doubt",
                    recovered.requeued(),
                    recovered.inDoubt().size());
        }
        long every = lease.renewEvery().toMillis();
        leaseKeeper.scheduleAtFixedRate(this::renewLease, every, every, TimeUnit.MILLISECONDS);
        try {
            boolean nothingDue = false;
            boolean lastLook = false;
            while (true) {
                List<Done> finished = new ArrayList<>();
                if (nothingDue) {
                    if (inFlight == 0) {
                        if (lastLook) {
                            break;
                        }
                        // Everything in flight is recorded: look once more, a failure may have freed work.
                        lastLook = true;
                        nothingDue = false;
                        continue;
                    }
                    // Record the tail as it comes in, at most every 200 ms.
                    awaitDone(finished, inFlight, 200);
                } else {
                    // Wait until half the window is free (at once when it already is).
                    awaitDone(finished, inFlight - window / 2, 0);
                }
                int room = nothingDue ? 0 : window - inFlight + finished.size();
                if (finished.isEmpty() && room == 0) {
                    continue;
                }
                List<Claimed> claimed = round(finished, room);
                inFlight += claimed.size() - finished.size();
                if (room > 0 && claimed.isEmpty()) {
                    nothingDue = true;
                } else if (!claimed.isEmpty()) {
                    lastLook = false;
                    nothingDue = false;
                }
                claimed.forEach(this::start);
            }
        } finally {
            stop();
        }
        Map<OutboxState, Integer> result = new EnumMap<>(OutboxState.class);
        counts.forEach((s, c) -> {
            if (c.get() > 0) {
                result.put(s, c.get());
            }
        });
        return new Outbox.DrainReport(result);
    }

    /** Takes what is done, waiting for at least {@code atLeast} outcomes (for {@code maxMillis} when above 0). */
    private void awaitDone(List<Done> into, int atLeast, long maxMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        try {
            while (into.size() < atLeast) {
                Done d = maxMillis > 0 ? done.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS) : done.take();
                if (d == null) {
                    break;
                }
                into.add(d);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The outbox was interrupted while sending", e);
        }
        done.drainTo(into);
    }

    /**
     * One transaction: the finished messages' outcomes, then up to {@code room} due messages claimed
     * (SENDING, committed before any of them is signed or sent) and checked. If the store refuses,
     * the outcomes are recorded on their own (or the messages marked in doubt) and the drain stops.
     */
    private List<Claimed> round(List<Done> finished, int room) {
        List<Claimed> claimed;
        try {
            claimed = retrying(() -> {
                record(finished);
                return room > 0 ? claim(room) : List.<Claimed>of();
            });
        } catch (RuntimeException e) {
            recordAlone(finished);
            throw e;
        }
        finished.forEach(d -> counts.get(d.state()).incrementAndGet());
        return claimed;
    }

    /** Outcomes without a claim; when even that fails, the messages must not look unsent. */
    private void recordAlone(List<Done> finished) {
        try {
            retrying(() -> {
                record(finished);
                return null;
            });
            finished.forEach(d -> counts.get(d.state()).incrementAndGet());
        } catch (RuntimeException e) {
            for (Done d : finished) {
                counts.get(d.recorded() ? d.state() : markInDoubt(d.message(), e))
                        .incrementAndGet();
            }
        }
    }

    /** Inside the round's transaction: up to {@code n} due messages become SENDING, and each is checked. */
    private List<Claimed> claim(int n) {
        Instant now = clock.instant();
        List<OutboxMessage> messages = store.claimDue(now, n, lease.instance());
        // The batch's suppressions in one look-up per tenant and domain, not one per message.
        Map<DomainKey, List<String>> recipients = new HashMap<>();
        for (OutboxMessage m : messages) {
            recipients
                    .computeIfAbsent(new DomainKey(m.tenant(), m.domain()), k -> new ArrayList<>())
                    .add(m.to());
        }
        Map<DomainKey, Map<String, Suppression>> suppressed = new HashMap<>();
        recipients.forEach((k, to) -> suppressed.put(k, suppressions.findAll(k.tenant(), k.domain(), to)));
        SendingLimits.Batch limited = limits.batch(messages);
        List<Claimed> out = new ArrayList<>(messages.size());
        for (OutboxMessage m : messages) {
            out.add(checkBeforeSending(
                    m,
                    now,
                    Optional.ofNullable(suppressed
                            .get(new DomainKey(m.tenant(), m.domain()))
                            .get(m.to())),
                    limited));
        }
        return out;
    }

    /**
     * The one place where a claimed message is checked before any network traffic: may it be sent
     * now, and through which relay, signed by which key? Runs inside the claim's transaction. Returns
     * it ready to sign, or decided (rejected or failed, with the reason for the person reading the outbox).
     * {@code suppression} is the recipient's entry, looked up for the whole batch by {@link #claim};
     * {@code limited} counts the batch against the daily limits (warm-up plans, probation).
     */
    private Claimed checkBeforeSending(
            OutboxMessage m, Instant now, Optional<Suppression> suppression, SendingLimits.Batch limited) {
        Optional<Suppression> suppressed = suppression.filter(s -> s.activeAt(now));
        if (suppressed.isPresent()) {
            Suppression s = suppressed.get();
            return decided(
                    m,
                    OutboxState.REJECTED,
                    "Not sent: " + m.to() + " is on this domain's suppression list ("
                            + s.reason().name().toLowerCase().replace('_', ' ')
                            + (s.note().isEmpty() ? "" : ": " + s.note()) + ").",
                    EventType.REJECTED);
        }
        // Daily limits (warm-up, probation): after suppressions, so a refused recipient uses no allowance.
        Optional<SendingLimits.Verdict> over = limited.check(m);
        if (over.isPresent()) {
            return overLimit(m, over.get());
        }
        if (m.connection().isEmpty()) {
            return decided(m, OutboxState.FAILED, "Not sent: its connection was removed.", null);
        }
        SmtpEndpoint endpoint;
        try {
            endpoint = endpointCache.computeIfAbsent(
                    new Key(m.tenant(), m.connection().get()), k -> endpoints.resolve(k.tenant(), k.connection()));
        } catch (MailroomException e) {
            return decided(m, OutboxState.FAILED, "Not sent: " + e.getMessage(), null);
        }
        // Through a provider's API the provider signs with its own domain set-up; Mailroom's key is not used.
        Optional<DkimSigningKey> key = endpoint.viaApi()
                ? Optional.empty()
                : keyCache.computeIfAbsent(
                        new DomainKey(m.tenant(), m.domain()), k -> domains.activeDkimKey(k.tenant(), k.domain()));
        if (key.isEmpty() && !endpoint.viaApi()) {
            return decided(
                    m,
                    OutboxState.REJECTED,
                    "Not sent: " + m.domain() + " has no active DKIM key, and Mailroom sends only signed mail.",
                    EventType.REJECTED);
        }
        Map<String, InlineImage> stored = storedParts(m);
        List<InlineImage> inline = new ArrayList<>(m.inlineParts().size());
        for (InlinePartRef ref : m.inlineParts()) {
            InlineImage part = stored.get(ref.sha256());
            if (part == null) {
                return decided(
                        m, OutboxState.FAILED, "Not sent: an image its HTML shows is no longer stored with it.", null);
            }
            inline.add(new InlineImage(ref.contentId(), part.mediaType(), part.bytes()));
        }
        List<Attachment> files = new ArrayList<>(m.attachments().size());
        for (AttachmentRef ref : m.attachments()) {
            InlineImage part = stored.get(ref.sha256());
            if (part == null) {
                return decided(
                        m,
                        OutboxState.FAILED,
                        "Not sent: its attachment \"" + ref.filename() + "\" is no longer stored with it.",
                        null);
            }
            files.add(new Attachment(ref.filename(), part.mediaType(), part.bytes()));
        }
        return new Claimed(m, endpoint, m.toMail(key, inline, files), null);
    }

    /**
     * The stored parts (inline images and attachments) the message refers to, by hash: read once per drain
     * and tenant, so a campaign's logo or receipt PDF is read once, not once per message.
     */
    private Map<String, InlineImage> storedParts(OutboxMessage m) {
        if (m.inlineParts().isEmpty() && m.attachments().isEmpty()) {
            return Map.of();
        }
        Map<String, InlineImage> known = inlineCache.computeIfAbsent(m.tenant(), t -> new HashMap<>());
        List<String> unknown = Stream.concat(
                        m.inlineParts().stream().map(InlinePartRef::sha256),
                        m.attachments().stream().map(AttachmentRef::sha256))
                .filter(h -> !known.containsKey(h))
                .distinct()
                .toList();
        if (!unknown.isEmpty()) {
            known.putAll(store.inlineParts(m.tenant(), unknown));
        }
        return known;
    }

    /** Hands a claimed message on: back to the bookkeeper when decided, else to a signer, then a session. */
    private void start(Claimed c) {
        if (c.decided() != null) {
            done.add(c.decided());
            return;
        }
        signers.execute(() -> {
            Ready ready;
            try {
                ready = transport.prepare(c.endpoint(), c.mail());
            } catch (RuntimeException e) {
                ready = new Ready(c.endpoint(), c.mail(), null); // the session's send tries again and answers for it
            }
            Ready signed = ready;
            senders.execute(() -> done.add(recordNow(send(c.message(), signed))));
        });
    }

    /** Lets what is in flight finish and records it (also when the drain stops on an error). */
    private void stop() {
        try {
            signers.shutdown();
            signers.awaitTermination(1, TimeUnit.MINUTES);
            senders.shutdown();
            senders.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            signers.shutdownNow();
            senders.shutdownNow();
        }
        leaseKeeper.shutdownNow();
        List<Done> rest = new ArrayList<>();
        done.drainTo(rest);
        if (!rest.isEmpty()) {
            recordAlone(rest); // what is still missing stays SENDING and becomes in doubt at the next start
        }
    }

    private ExecutorService threads(String prefix, int n) {
        AtomicInteger threadNo = new AtomicInteger();
        return Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, prefix + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static Claimed decided(OutboxMessage m, OutboxState state, String note, EventType event) {
        return new Claimed(
                m,
                null,
                null,
                new Done(
                        m,
                        state,
                        Optional.empty(),
                        Optional.empty(),
                        new DeliveryOutcome(DeliveryOutcome.Kind.PERMANENT, OptionalInt.empty(), note),
                        event));
    }

    /** Over a daily limit: waits for the next allowed day (DEFERRED) or is REJECTED, with the reason. */
    private static Claimed overLimit(OutboxMessage m, SendingLimits.Verdict v) {
        return new Claimed(
                m,
                null,
                null,
                new Done(
                        m,
                        v.state(),
                        v.nextAttempt(),
                        Optional.empty(),
                        new DeliveryOutcome(DeliveryOutcome.Kind.PERMANENT, OptionalInt.empty(), v.reason()),
                        v.event()));
    }

    /**
     * On a session thread, once the reply is in: the outcome is committed before this session hands over its
     * next message, so that at most one message per session is TRANSMITTING without a recorded reply. When
     * the store refuses, the bookkeeper tries again.
     */
    private Done recordNow(Done d) {
        if (d.recorded()) {
            return d;
        }
        try {
            retrying(() -> {
                record(List.of(d));
                return null;
            });
            return d.asRecorded();
        } catch (RuntimeException e) {
            return d;
        }
    }

    /**
     * On a session thread: the SMTP conversation, and what its outcome means for the message. Just before
     * the end of its data goes to the relay, the message becomes TRANSMITTING in a committed transaction;
     * if that fails, the transport drops the session and the relay never sees the end.
     */
    private Done send(OutboxMessage m, Ready ready) {
        AtomicReference<RuntimeException> notMarked = new AtomicReference<>();
        DeliveryOutcome o;
        try {
            o = transport.send(ready, () -> {
                try {
                    if (!tx.inTransaction(() -> store.markTransmitting(m.id(), lease.instance()))) {
                        throw new ClaimLost();
                    }
                } catch (RuntimeException e) {
                    notMarked.set(e);
                    throw e;
                }
            });
        } catch (RuntimeException e) {
            // The transport promises outcomes, not exceptions; treat a surprise as temporary rather than lose the
            // message.
            o = DeliveryOutcome.temporary(
                    OptionalInt.empty(),
                    "Unexpected error while sending (" + e.getClass().getSimpleName() + "); will try again.");
        }
        if (notMarked.get() instanceof ClaimLost) {
            // Another console took the message over after this one's lease ran out: it is theirs to send and record.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Message {0} was taken over by another console; not sent here",
                    m.id());
            return new Done(m, OutboxState.QUEUED, Optional.empty(), Optional.empty(), o, null, true);
        } else if (notMarked.get() != null) {
            o = DeliveryOutcome.temporary(
                    OptionalInt.empty(),
                    "Not sent: Mailroom could not record that it was handing the message over ("
                            + notMarked.get().getClass().getSimpleName() + "); will try again.");
        }
        Instant now = clock.instant();
        switch (o.kind()) {
            case ACCEPTED:
                return new Done(m, OutboxState.SENT, Optional.empty(), Optional.of(now), o, EventType.SENT);
            case TEMPORARY: {
                Optional<Instant> next = retry.nextAttempt(
                        m.attempts(),
                        m.createdAt(),
                        now,
                        ThreadLocalRandom.current().nextDouble());
                if (next.isPresent()) {
                    return new Done(m, OutboxState.DEFERRED, next, Optional.empty(), o, EventType.DEFERRED);
                }
                return new Done(
                        m,
                        OutboxState.FAILED,
                        Optional.empty(),
                        Optional.empty(),
                        new DeliveryOutcome(
                                o.kind(),
                                o.reply(),
                                "Gave up after " + m.attempts() + " attempts over "
                                        + retry.maxAge().toHours() + " hours. Last: " + o.description()),
                        EventType.SOFT_BOUNCE);
            }
            case RECIPIENT_REFUSED:
                return new Done(m, OutboxState.FAILED, Optional.empty(), Optional.empty(), o, EventType.HARD_BOUNCE);
            case IN_DOUBT:
                return new Done(m, OutboxState.IN_DOUBT, Optional.empty(), Optional.empty(), o, null);
            case PERMANENT:
            default:
                return new Done(m, OutboxState.FAILED, Optional.empty(), Optional.empty(), o, null);
        }
    }

    /** One transaction: each message's state, its event, and what the suppression rules make of bounces. */
    private void record(List<Done> all) {
        List<Done> batch = all.stream().filter(d -> !d.recorded()).toList();
        if (batch.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Event> happened = new ArrayList<>(batch.size());
        store.recordOutcomes(
                batch.stream()
                        .map(d -> new OutboxStore.Outcome(
                                d.message().id(),
                                d.state(),
                                d.next(),
                                d.sentAt(),
                                d.outcome().reply(),
                                d.outcome().description()))
                        .toList(),
                lease.instance());
        for (Done d : batch) {
            if (d.event() != null) {
                happened.add(event(d.message(), now, d.event(), d.outcome()));
            }
        }
        // Bounces update the suppression list the way reported ones do.
        new SuppressingEvents(events, suppressions).record(happened);
    }

    /**
     * The outcome could not be recorded: a message handed to the relay becomes IN_DOUBT; one that was not
     * stays SENDING and is queued again once this console's lease ends or it starts again.
     */
    private OutboxState markInDoubt(OutboxMessage m, RuntimeException cause) {
        LOG.log(
                System.Logger.Level.ERROR,
                "Recording the outcome of {0} failed ({1}); marking it in doubt if it was handed over",
                m.id(),
                cause.getClass().getSimpleName());
        try {
            boolean handedOver = tx.inTransaction(() -> store.transition(
                    m.id(),
                    Set.of(OutboxState.TRANSMITTING),
                    OutboxState.IN_DOUBT,
                    Optional.empty(),
                    Optional.empty(),
                    OptionalInt.empty(),
                    "Mailroom could not record what the server said about this message; it may have been accepted."));
            return handedOver ? OutboxState.IN_DOUBT : OutboxState.SENDING;
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
        OptionalInt reply = o.reply().isPresent()
                        && o.reply().getAsInt() >= 200
                        && o.reply().getAsInt() <= 599
                ? o.reply()
                : OptionalInt.empty();
        return new Event(
                m.tenant(),
                m.domain(),
                at,
                m.to(),
                Optional.of(m.messageId()),
                type,
                new EventDetails(reply, status, o.description()));
    }
}
