package dev.mailroom.model.audit;

import dev.mailroom.model.access.AuditTrail;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes audit entries. Call it inside the use case's transaction, so the entry lands together with
 * the change it describes.
 */
public final class AuditLog implements AuditTrail {
    private final AuditStore store;
    private final Clock clock;

    public AuditLog(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A tenant-scoped entry. */
    @Override
    public void record(
            Actor actor,
            TenantId tenant,
            String tenantName,
            String action,
            String target,
            Map<String, String> details) {
        write(
                Optional.of(actor.user()),
                actor.impersonator(),
                Optional.of(tenant),
                Optional.of(tenantName),
                action,
                target,
                details);
    }

    /** An agency-level entry (sign-in, agency settings, users). */
    @Override
    public void record(Actor actor, String action, String target, Map<String, String> details) {
        write(
                Optional.of(actor.user()),
                actor.impersonator(),
                Optional.empty(),
                Optional.empty(),
                action,
                target,
                details);
    }

    /** An entry made before anyone is signed in, such as a failed sign-in for an unknown address. */
    @Override
    public void recordAnonymous(String action, String target, Map<String, String> details) {
        write(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), action, target, details);
    }

    /** A tenant-scoped entry made by Mailroom itself, no person acting (an automatic pause). */
    public void recordSystem(
            TenantId tenant, String tenantName, String action, String target, Map<String, String> details) {
        write(
                Optional.empty(),
                Optional.empty(),
                Optional.of(tenant),
                Optional.of(tenantName),
                action,
                target,
                details);
    }

    /** An entry on behalf of a known user who is not signed in yet (a sign-in attempt). */
    @Override
    public void recordFor(Principal user, String action, String target, Map<String, String> details) {
        write(Optional.of(user), Optional.empty(), Optional.empty(), Optional.empty(), action, target, details);
    }

    /** One entry of {@link #recordAll}: what it is about and its details. */
    public record Item(String target, Map<String, String> details) {}

    /**
     * Tenant-scoped entries of one action, chained one after another under a single lock of the head and
     * written as one batch: an import of thousands of rows audits each row without three statements a row.
     */
    public void recordAll(Actor actor, TenantId tenant, String tenantName, String action, List<Item> items) {
        if (items.isEmpty()) {
            return;
        }
        Optional<String> previous = store.lockHead();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<AuditEntry> entries = new ArrayList<>(items.size());
        for (Item item : items) {
            AuditEntry entry = chained(
                    previous,
                    at,
                    Optional.of(actor.user()),
                    actor.impersonator(),
                    Optional.of(tenant),
                    Optional.of(tenantName),
                    action,
                    item.target(),
                    item.details());
            entries.add(entry);
            previous = Optional.of(entry.hash());
        }
        store.appendAll(entries);
    }

    private void write(
            Optional<Principal> actor,
            Optional<Principal> impersonator,
            Optional<TenantId> tenant,
            Optional<String> tenantName,
            String action,
            String target,
            Map<String, String> details) {
        Optional<String> previous = store.lockHead();
        // Microseconds: both databases keep that precision, so the hash verifies after a round trip.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        store.append(chained(previous, at, actor, impersonator, tenant, tenantName, action, target, details));
    }

    /** The entry after {@code previous} in the chain, with its hash. */
    private static AuditEntry chained(
            Optional<String> previous,
            Instant at,
            Optional<Principal> actor,
            Optional<Principal> impersonator,
            Optional<TenantId> tenant,
            Optional<String> tenantName,
            String action,
            String target,
            Map<String, String> details) {
        AuditEntry draft = new AuditEntry(
                0,
                at,
                tenant,
                tenantName,
                actor.map(Principal::id),
                actor.map(Principal::name).orElse("(not signed in)"),
                impersonator.map(Principal::id),
                impersonator.map(Principal::name),
                action,
                target == null ? "" : target,
                encode(details),
                previous,
                "");
        return new AuditEntry(
                0,
                draft.at(),
                draft.tenant(),
                draft.tenantName(),
                draft.actorId(),
                draft.actorName(),
                draft.impersonatorId(),
                draft.impersonatorName(),
                draft.action(),
                draft.target(),
                draft.details(),
                draft.previousHash(),
                AuditChain.hash(draft));
    }

    /** "key: value" lines in the caller's order; line breaks inside values are folded. */
    static String encode(Map<String, String> details) {
        return details.entrySet().stream()
                .map(e -> e.getKey() + ": "
                        + String.valueOf(e.getValue()).replace('\n', ' ').replace('\r', ' '))
                .collect(Collectors.joining("\n"));
    }
}
