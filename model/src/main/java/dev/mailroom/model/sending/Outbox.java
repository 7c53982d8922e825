package dev.mailroom.model.sending;

import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventDetails;
import dev.mailroom.model.activity.EventStore;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.common.InlineImage;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.suppressions.SuppressionRules;
import dev.mailroom.model.suppressions.SuppressionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The durable outbox: messages are stored (and a QUEUED event recorded) before any network traffic,
 * then sent by {@link #drain}. Per message:
 * <ol>
 *   <li>it is claimed: its state becomes SENDING, with this console's instance as the claim's owner, in a
 *       committed transaction <em>before</em> it is signed or its SMTP conversation begins. Claims come in
 *       batches — one transaction for many messages. A claimed message whose console stopped is queued
 *       again: it never reached the relay;</li>
 *   <li>just before the end of its data (the final "." of DATA) goes to the relay, its state becomes
 *       TRANSMITTING in a committed transaction of its own, and its outcome is committed as soon as the
 *       reply comes, before the session hands over another message. So a crash leaves at most one message
 *       per session in doubt (IN_DOUBT: a person decides), and never one the relay did not see;</li>
 *   <li>it is checked in one place before any network traffic ({@code checkBeforeSending}): a suppressed
 *       recipient is REJECTED with the reason; a message over a daily limit ({@link SendingLimits}) is
 *       DEFERRED to the next allowed day or REJECTED, as the tenant's setting says;</li>
 *   <li>the relay's answer decides: accepted → SENT; 4xx or no connection → DEFERRED with back-off
 *       (FAILED and a soft bounce once past the maximum age); 5xx to the recipient → FAILED, a hard
 *       bounce, and the recipient suppressed by {@link SuppressionRules}.</li>
 * </ol>
 * Each outcome, its event and any suppression land in one transaction; until it is committed the
 * message stays SENDING or TRANSMITTING. A console's claims hold while it renews its lease
 * ({@link SenderLease}); another console takes them over only once the lease has run out.
 *
 * <p>This class runs for the agency's sender, not for a signed-in person: permission checks happen
 * where messages are queued and where people act on them.
 */
public final class Outbox {

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
    private final SenderLease lease;

    /** An outbox without daily limits (warm-up plans, probation). */
    public Outbox(
            OutboxStore store,
            EndpointResolver endpoints,
            SendingDomains domains,
            MailTransport transport,
            SuppressionStore suppressions,
            EventStore events,
            Transactions tx,
            Clock clock,
            RetryPolicy retry) {
        this(store, endpoints, domains, transport, suppressions, events, tx, clock, retry, SendingLimits.NONE);
    }

    public Outbox(
            OutboxStore store,
            EndpointResolver endpoints,
            SendingDomains domains,
            MailTransport transport,
            SuppressionStore suppressions,
            EventStore events,
            Transactions tx,
            Clock clock,
            RetryPolicy retry,
            SendingLimits limits) {
        this(store, endpoints, domains, transport, suppressions, events, tx, clock, retry, limits, SenderLease.fresh());
    }

    /** @param lease this console's sender: the owner of its claims, and how long they hold unless renewed */
    public Outbox(
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
            SenderLease lease) {
        this.lease = lease;
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
        return enqueue(messages, m -> Placement.QUEUE);
    }

    /**
     * Where a new message goes: queued for the sender, {@link OutboxState#HELD} for a person, or
     * {@link OutboxState#REJECTED} at once; the note says why (issue 14: the tenant's risky-address policy).
     */
    public record Placement(OutboxState state, String note) {
        public static final Placement QUEUE = new Placement(OutboxState.QUEUED, "");

        public Placement {
            if (state != OutboxState.QUEUED && state != OutboxState.HELD && state != OutboxState.REJECTED) {
                throw new IllegalArgumentException("a new message is queued, held or rejected, not " + state);
            }
            note = note == null ? "" : note;
        }
    }

    /**
     * As {@link #enqueue(List)}, each message placed as {@code placement} says: a QUEUED event for those
     * queued, a REJECTED event with the note for those rejected, none for those held (their QUEUED event
     * comes when a person releases them).
     */
    public List<OutboxMessage> enqueue(
            List<NewMessage> messages, java.util.function.Function<NewMessage, Placement> placement) {
        Instant now = clock.instant();
        List<Placement> placed = new ArrayList<>(messages.size());
        List<OutboxMessage> rows = new ArrayList<>(messages.size());
        // Inline parts by content address: a campaign's logo (the same instance for every recipient) is
        // hashed and stored once, and each message carries only its reference (decision 30).
        Map<InlineImage, InlinePartRef> refs = new IdentityHashMap<>();
        Map<TenantId, Map<String, InlineImage>> parts = new HashMap<>();
        Map<String, Boolean> htmlChecked = new IdentityHashMap<>();
        Map<Attachment, AttachmentRef> fileRefs = new IdentityHashMap<>();
        Map<List<Attachment>, Boolean> filesChecked = new IdentityHashMap<>();
        for (NewMessage m : messages) {
            Placement where = placement.apply(m);
            placed.add(where);
            List<InlinePartRef> inline = inlineRefs(m, refs, parts, htmlChecked);
            List<AttachmentRef> files = attachmentRefs(m, fileRefs, parts, filesChecked);
            String domain = m.domain();
            rows.add(new OutboxMessage(
                    new OutboxId(0),
                    m.tenant(),
                    Optional.of(m.connection()),
                    domain,
                    MessageIds.at(domain, now),
                    m.fromAddress(),
                    m.fromName(),
                    m.to().trim(),
                    m.subject(),
                    m.textBody(),
                    m.htmlBody(),
                    m.transactional(),
                    m.unsubscribeUrl(),
                    where.state(),
                    0,
                    now,
                    now,
                    Optional.empty(),
                    OptionalInt.empty(),
                    where.note(),
                    inline,
                    files));
        }
        return tx.inTransaction(() -> {
            parts.forEach((tenant, byHash) -> store.putInlineParts(tenant, byHash, now));
            List<OutboxId> ids = store.insert(rows);
            List<Event> queued = new ArrayList<>(rows.size());
            List<OutboxMessage> stored = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                OutboxMessage r = rows.get(i);
                stored.add(withId(r, ids.get(i)));
                Placement where = placed.get(i);
                if (where.state() == OutboxState.HELD) {
                    continue;
                }
                boolean rejected = where.state() == OutboxState.REJECTED;
                queued.add(new Event(
                        r.tenant(),
                        r.domain(),
                        now,
                        r.to(),
                        Optional.of(r.messageId()),
                        rejected ? EventType.REJECTED : EventType.QUEUED,
                        rejected
                                ? new EventDetails(OptionalInt.empty(), Optional.empty(), where.note())
                                : EventDetails.NONE));
            }
            events.append(queued);
            return stored;
        });
    }

    /** Notes a recovered message carries, for the person reading the outbox. */
    static final String REQUEUED_NOTE =
            "Claimed by a Mailroom that stopped before handing it to the relay; queued again.";

    static final String IN_DOUBT_NOTE =
            "Mailroom stopped after handing this message to the relay and before its reply was recorded: the server "
                    + "may have accepted it. Check the recipient's mailbox or the relay's log, then send it again "
                    + "(same Message-ID) or mark it sent.";

    /** What {@link #recoverAfterStop} found. */
    public record Recovery(int requeued, List<OutboxMessage> inDoubt) {}

    /**
     * Run once at start, before the first {@link #drain}: registers this console's lease, then takes over
     * what a stopped console left claimed. A message it had claimed but not handed to the relay is queued
     * again; one whose end of data went to the relay without a recorded reply is marked IN_DOUBT. Claims of
     * another console whose lease is still running (a team on one PostgreSQL store) are left alone. Each
     * drain does the same, so the claims of a console that stops later are taken over once its lease ends.
     */
    public Recovery recoverAfterStop() {
        return recoverClaims(tx, store, clock, lease);
    }

    static Recovery recoverClaims(Transactions tx, OutboxStore store, Clock clock, SenderLease lease) {
        OutboxStore.Recovery r = tx.inTransaction(() -> {
            Instant now = clock.instant();
            store.renewLease(lease.instance(), now.plus(lease.length()));
            return store.recoverClaims(
                    now, lease.instance(), store.exclusiveToThisProcess(), REQUEUED_NOTE, IN_DOUBT_NOTE);
        });
        return new Recovery(r.requeued(), r.inDoubt());
    }

    /** This console's sender: the owner of the claims it makes. */
    public SenderLease lease() {
        return lease;
    }

    /**
     * Sends every message due now and returns when none is left that is due. The work is a pipeline,
     * so that neither the store's bookkeeping nor the signatures hold up the relay's sessions:
     * <ol>
     *   <li>the calling thread keeps the books: each round is one transaction that records the outcomes
     *       that came in (states, events, roll-ups, suppressions) and claims the next batch of due
     *       messages, marking them SENDING; the commit comes <em>before</em> any of them is signed or
     *       sent. Inside it, {@code checkBeforeSending} decides for each claimed message whether it may go now;</li>
     *   <li>a pool sized to the processors renders and DKIM-signs them, each once ({@link MailTransport#prepare});</li>
     *   <li>{@code parallelism} threads hold the SMTP sessions: each marks its message TRANSMITTING just
     *       before the end of its data, and records the outcome itself once the reply comes.</li>
     * </ol>
     * At most {@link #maxInFlight maxInFlight(parallelism)} messages are claimed at any time, and at most
     * {@code parallelism} are TRANSMITTING: what a crash can leave in doubt.
     */
    public DrainReport drain(int parallelism) {
        return new OutboxDrain(
                        store,
                        endpoints,
                        domains,
                        transport,
                        suppressions,
                        events,
                        tx,
                        clock,
                        retry,
                        limits,
                        lease,
                        parallelism)
                .run();
    }

    /** Messages a drain keeps claimed at most, per SMTP session: enough to claim in batches. */
    private static final int IN_FLIGHT_PER_SESSION = 8;

    /** At most this many messages are claimed (SENDING or TRANSMITTING) during a drain with this parallelism. */
    public static int maxInFlight(int parallelism) {
        return IN_FLIGHT_PER_SESSION * Math.max(1, parallelism);
    }

    /**
     * The message's inline parts as references, each distinct part hashed once per call; refuses HTML that
     * shows an image by {@code cid:} that the message does not carry.
     */
    private static List<InlinePartRef> inlineRefs(
            NewMessage m,
            Map<InlineImage, InlinePartRef> refs,
            Map<TenantId, Map<String, InlineImage>> parts,
            Map<String, Boolean> htmlChecked) {
        if (m.htmlBody().isPresent() && htmlChecked.put(m.htmlBody().get(), Boolean.TRUE) == null) {
            Optional<String> missing = InlineParts.missing(m.htmlBody().get(), m.inlineParts());
            if (missing.isPresent()) {
                throw new InvalidInput("body", InlineParts.missingMessage(missing.get()));
            }
        }
        if (m.inlineParts().size() > InlineParts.MAX_PER_MESSAGE) {
            throw new InvalidInput(
                    "body", "A message can carry at most " + InlineParts.MAX_PER_MESSAGE + " inline images.");
        }
        List<InlinePartRef> inline = new ArrayList<>(m.inlineParts().size());
        for (InlineImage part : m.inlineParts()) {
            InlinePartRef ref = refs.computeIfAbsent(part, p -> {
                if (!InlineParts.isContentId(p.contentId())) {
                    throw new InvalidInput(
                            "body",
                            "The inline image \"" + p.contentId() + "\" has no usable Content-ID "
                                    + "(1 to 200 visible ASCII characters, no spaces or angle brackets).");
                }
                return new InlinePartRef(p.contentId(), InlineParts.sha256(p));
            });
            parts.computeIfAbsent(m.tenant(), t -> new HashMap<>()).putIfAbsent(ref.sha256(), part);
            inline.add(ref);
        }
        return inline;
    }

    /**
     * The message's attachments as references, stored with the inline parts by content address: a receipt
     * PDF attached to a whole send is hashed and stored once. Refuses files {@link Attachments} does not take.
     */
    private static List<AttachmentRef> attachmentRefs(
            NewMessage m,
            Map<Attachment, AttachmentRef> refs,
            Map<TenantId, Map<String, InlineImage>> parts,
            Map<List<Attachment>, Boolean> checked) {
        if (m.attachments().isEmpty()) {
            return List.of();
        }
        if (checked.put(m.attachments(), Boolean.TRUE) == null) {
            Optional<String> problem = Attachments.problem(m.attachments());
            if (problem.isPresent()) {
                throw new InvalidInput("attachments", problem.get());
            }
        }
        List<AttachmentRef> files = new ArrayList<>(m.attachments().size());
        for (Attachment a : m.attachments()) {
            AttachmentRef ref = refs.computeIfAbsent(a, f -> new AttachmentRef(f.filename(), Attachments.sha256(f)));
            parts.computeIfAbsent(m.tenant(), t -> new HashMap<>())
                    .computeIfAbsent(ref.sha256(), h -> new InlineImage(h, a.mediaType(), a.bytes()));
            files.add(ref);
        }
        return files;
    }

    private static OutboxMessage withId(OutboxMessage r, OutboxId id) {
        return new OutboxMessage(
                id,
                r.tenant(),
                r.connection(),
                r.domain(),
                r.messageId(),
                r.fromAddress(),
                r.fromName(),
                r.to(),
                r.subject(),
                r.textBody(),
                r.htmlBody(),
                r.transactional(),
                r.unsubscribeUrl(),
                r.state(),
                r.attempts(),
                r.createdAt(),
                r.nextAttemptAt(),
                r.sentAt(),
                r.lastReply(),
                r.note(),
                r.inlineParts(),
                r.attachments());
    }
}
