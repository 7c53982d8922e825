package dev.mailroom.model.sending;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventDetails;
import dev.mailroom.model.activity.EventStore;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What people see of the outbox and decide about it, with {@link Permission#SENDING}: list, retry a
 * deferred message now, cancel, and resolve a message in doubt (send it again with the same
 * Message-ID, or record that it did arrive), one message or all of a tenant's in doubt at once.
 * Decisions are audited, each message on its own.
 */
public final class OutboxService {
    public static final int LIST_LIMIT = 500;

    private final OutboxStore store;
    private final TenantStore tenants;
    private final EventStore events;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;

    public OutboxService(
            OutboxStore store,
            TenantStore tenants,
            EventStore events,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.events = events;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public List<OutboxMessage> list(Actor actor, TenantId tenant, Optional<OutboxState> state) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.SENDING);
            return store.list(tenant, state, LIST_LIMIT);
        });
    }

    public Map<OutboxState, Long> counts(Actor actor, TenantId tenant) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.SENDING);
            return store.countByState(tenant);
        });
    }

    /** A deferred message goes to the front of the queue. */
    public OutboxMessage retryNow(Actor actor, TenantId tenant, OutboxId id) {
        return decide(
                actor,
                tenant,
                id,
                EnumSet.of(OutboxState.DEFERRED),
                OutboxState.QUEUED,
                "outbox.retried",
                "Queued again by %s.",
                "Only a deferred message can be retried now.");
    }

    public OutboxMessage cancel(Actor actor, TenantId tenant, OutboxId id) {
        return decide(
                actor,
                tenant,
                id,
                EnumSet.of(OutboxState.QUEUED, OutboxState.DEFERRED, OutboxState.IN_DOUBT),
                OutboxState.CANCELLED,
                "outbox.cancelled",
                "Cancelled by %s.",
                "Only a queued, deferred or in-doubt message can be cancelled.");
    }

    /**
     * A message held because its address is risky (the tenant's policy, decision 0048): a person decides to
     * send it after all. It is queued, with its QUEUED event.
     */
    public OutboxMessage releaseHeld(Actor actor, TenantId tenant, OutboxId id) {
        return tx.inTransaction(() -> {
            OutboxMessage m = decide(
                    actor,
                    tenant,
                    id,
                    EnumSet.of(OutboxState.HELD),
                    OutboxState.QUEUED,
                    "outbox.released",
                    "Released by %s: sent although the address is risky.",
                    "Only a held message can be released.");
            events.append(List.of(new Event(
                    tenant,
                    m.domain(),
                    clock.instant(),
                    m.to(),
                    Optional.of(m.messageId()),
                    EventType.QUEUED,
                    EventDetails.NONE)));
            return m;
        });
    }

    /** A message held because its address is risky: a person decides not to send it. It is cancelled. */
    public OutboxMessage dropHeld(Actor actor, TenantId tenant, OutboxId id) {
        return decide(
                actor,
                tenant,
                id,
                EnumSet.of(OutboxState.HELD),
                OutboxState.CANCELLED,
                "outbox.dropped",
                "Dropped by %s: the address is risky.",
                "Only a held message can be dropped.");
    }

    /** In doubt, and the person decides it did not arrive: queued again with the same Message-ID. */
    public OutboxMessage resendInDoubt(Actor actor, TenantId tenant, OutboxId id) {
        return decide(
                actor,
                tenant,
                id,
                EnumSet.of(OutboxState.IN_DOUBT),
                OutboxState.QUEUED,
                "outbox.resent",
                "Sent again (same Message-ID) by decision of %s.",
                "Only a message in doubt can be resent this way.");
    }

    /** In doubt, and the person found it did arrive: recorded as sent. */
    public OutboxMessage markInDoubtSent(Actor actor, TenantId tenant, OutboxId id) {
        return tx.inTransaction(() -> {
            OutboxMessage m = decide(
                    actor,
                    tenant,
                    id,
                    EnumSet.of(OutboxState.IN_DOUBT),
                    OutboxState.SENT,
                    "outbox.marked-sent",
                    "Recorded as sent by %s.",
                    "Only a message in doubt can be marked sent.");
            events.append(List.of(new Event(
                    tenant,
                    m.domain(),
                    clock.instant(),
                    m.to(),
                    Optional.of(m.messageId()),
                    EventType.SENT,
                    EventDetails.NONE)));
            return m;
        });
    }

    /**
     * Every message of the tenant in doubt, queued again with its Message-ID: a crash leaves up to a
     * drain's window of them, decided together once the relay's log has been read. Returns how many.
     */
    public int resendAllInDoubt(Actor actor, TenantId tenant) {
        return forAllInDoubt(actor, tenant, id -> resendInDoubt(actor, tenant, id));
    }

    /** Every message of the tenant in doubt, recorded as sent (each audited, each with its SENT event). Returns how many. */
    public int markAllInDoubtSent(Actor actor, TenantId tenant) {
        return forAllInDoubt(actor, tenant, id -> markInDoubtSent(actor, tenant, id));
    }

    /** One transaction: all of them or, if one fails, none. */
    private int forAllInDoubt(Actor actor, TenantId tenant, Consumer<OutboxId> decision) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.SENDING);
            List<OutboxMessage> inDoubt = store.list(tenant, Optional.of(OutboxState.IN_DOUBT), Integer.MAX_VALUE);
            inDoubt.forEach(m -> decision.accept(m.id()));
            return inDoubt.size();
        });
    }

    private OutboxMessage decide(
            Actor actor,
            TenantId tenant,
            OutboxId id,
            Set<OutboxState> from,
            OutboxState to,
            String action,
            String note,
            String refusal) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.SENDING);
            OutboxMessage m =
                    store.find(tenant, id).orElseThrow(() -> new NotFound("No such message in this client's outbox."));
            Instant now = clock.instant();
            boolean moved = store.transition(
                    id,
                    from,
                    to,
                    to == OutboxState.QUEUED ? Optional.of(now) : Optional.empty(),
                    to == OutboxState.SENT ? Optional.of(now) : Optional.empty(),
                    OptionalInt.empty(),
                    String.format(note, actor.realPerson().name()));
            if (!moved) {
                throw new Conflict(refusal + " This one is " + m.state().label().toLowerCase() + ".");
            }
            audit.record(
                    actor,
                    tenant,
                    tenants.find(tenant).map(t -> t.name()).orElse(tenant.toString()),
                    action,
                    m.to(),
                    Map.of("message", m.messageId(), "was", m.state().label()));
            return store.find(tenant, id).orElseThrow();
        });
    }
}
