package dev.mailroom.model.sending;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventDetails;
import dev.mailroom.model.activity.EventStore;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.MailroomException;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.sending.AcceptanceLookup.Acceptance;
import dev.mailroom.model.sending.AcceptanceLookup.Verdict;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * "Ask the provider" in the outbox, with {@link Permission#SENDING}: each of the tenant's messages in doubt
 * that went to a provider API is looked up there (by Mailroom's own id where the provider can search by it).
 * One the provider has is recorded as sent (audited, with its SENT event); the others stay in doubt with
 * what the provider said, so the person who then sends them again or cancels them knows why. Nothing is
 * ever sent again by this check. The provider is asked outside any transaction; each answer is recorded on
 * its own, so a cancel or a failure keeps what was settled.
 */
public final class InDoubtCheckService {
    /** How many messages one check looks up at most; a crash leaves far fewer in doubt. */
    static final int MOST = 2_000;

    private final OutboxStore store;
    private final EndpointResolver endpoints;
    private final AcceptanceLookup lookup;
    private final TenantStore tenants;
    private final EventStore events;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;

    public InDoubtCheckService(
            OutboxStore store,
            EndpointResolver endpoints,
            AcceptanceLookup lookup,
            TenantStore tenants,
            EventStore events,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock) {
        this.store = store;
        this.endpoints = endpoints;
        this.lookup = lookup;
        this.tenants = tenants;
        this.events = events;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** How many were found and recorded as sent, not found, or could not be told; and whether it was cancelled. */
    public record Report(int accepted, int notFound, int cannotTell, boolean cancelled) {
        public int asked() {
            return accepted + notFound + cannotTell;
        }

        /** "2 found at the provider and recorded as sent; 1 not found: send it again or cancel it." */
        public String summary() {
            if (asked() == 0) {
                return cancelled ? "Cancelled before any message was looked up." : "No message is in doubt.";
            }
            List<String> parts = new ArrayList<>();
            if (accepted > 0) {
                parts.add(accepted + " found at the provider and recorded as sent");
            }
            if (notFound > 0) {
                parts.add(notFound + " not found there: " + (notFound == 1 ? "it stays" : "they stay")
                        + " in doubt, to send again or cancel");
            }
            if (cannotTell > 0) {
                parts.add(cannotTell + " could not be settled (the reason is on each message)");
            }
            return String.join("; ", parts) + (cancelled ? ". Cancelled before the rest." : ".");
        }
    }

    private record Pending(OutboxMessage message, Optional<SmtpEndpoint> endpoint, String why) {}

    public Report askProviders(Actor actor, TenantId tenant, Consumer<String> progress, Cancellation cancel) {
        List<Pending> pending = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.SENDING);
            Map<ConnectionId, Pending> byConnection = new HashMap<>();
            List<Pending> out = new ArrayList<>();
            for (OutboxMessage m : store.list(tenant, Optional.of(OutboxState.IN_DOUBT), MOST)) {
                if (m.connection().isEmpty()) {
                    out.add(new Pending(m, Optional.empty(), "The connection it went through was removed."));
                    continue;
                }
                Pending p = byConnection.computeIfAbsent(m.connection().get(), id -> {
                    try {
                        return new Pending(null, Optional.of(endpoints.resolve(tenant, id)), "");
                    } catch (MailroomException e) {
                        return new Pending(null, Optional.empty(), e.getMessage());
                    }
                });
                out.add(new Pending(m, p.endpoint(), p.why()));
            }
            return out;
        });
        int accepted = 0;
        int notFound = 0;
        int cannotTell = 0;
        boolean cancelled = false;
        for (int i = 0; i < pending.size(); i++) {
            if (cancel.isCancelled()) {
                cancelled = true;
                break;
            }
            Pending p = pending.get(i);
            progress.accept("Looking up message " + (i + 1) + " of " + pending.size() + " (to "
                    + p.message().to() + ")…");
            Acceptance a = p.endpoint()
                    .map(e -> lookup.find(e, p.message()))
                    .orElseGet(
                            () -> new Acceptance(Verdict.CANNOT_TELL, p.why() + " Mailroom cannot ask where it went."));
            if (record(actor, tenant, p.message(), a)) {
                switch (a.verdict()) {
                    case ACCEPTED -> accepted++;
                    case NOT_FOUND -> notFound++;
                    case CANNOT_TELL -> cannotTell++;
                }
            }
        }
        Report report = new Report(accepted, notFound, cannotTell, cancelled);
        if (report.asked() > 0) {
            tx.run(() -> audit.record(
                    actor,
                    tenant,
                    tenantName(tenant),
                    "outbox.asked-provider",
                    report.asked() + " in doubt",
                    Map.of(
                            "found", Integer.toString(report.accepted()),
                            "notFound", Integer.toString(report.notFound()),
                            "cannotTell", Integer.toString(report.cannotTell()))));
        }
        return report;
    }

    /** False when the message was decided meanwhile (resent, cancelled, marked sent by someone else). */
    private boolean record(Actor actor, TenantId tenant, OutboxMessage m, Acceptance a) {
        Instant now = clock.instant();
        return tx.inTransaction(() -> {
            boolean accepted = a.verdict() == Verdict.ACCEPTED;
            String note = accepted
                    ? "Recorded as sent: " + a.words() + " (asked by "
                            + actor.realPerson().name() + ")"
                    : "Still in doubt: " + a.words();
            boolean moved = store.transition(
                    m.id(),
                    Set.of(OutboxState.IN_DOUBT),
                    accepted ? OutboxState.SENT : OutboxState.IN_DOUBT,
                    Optional.empty(),
                    accepted ? Optional.of(now) : Optional.empty(),
                    OptionalInt.empty(),
                    note);
            if (moved && accepted) {
                events.append(List.of(new Event(
                        tenant,
                        m.domain(),
                        now,
                        m.to(),
                        Optional.of(m.messageId()),
                        EventType.SENT,
                        EventDetails.NONE)));
                audit.record(
                        actor,
                        tenant,
                        tenantName(tenant),
                        "outbox.found-at-provider",
                        m.to(),
                        Map.of("message", m.messageId(), "was", OutboxState.IN_DOUBT.label()));
            }
            return moved;
        });
    }

    private String tenantName(TenantId tenant) {
        return tenants.find(tenant).map(t -> t.name()).orElse(tenant.toString());
    }
}
