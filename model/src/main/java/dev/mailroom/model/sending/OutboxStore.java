package dev.mailroom.model.sending;

import dev.mailroom.model.common.InlineImage;
import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Port: the outbox. Every state change is a compare-and-set on the current state. */
public interface OutboxStore {
    /**
     * Stores new messages (their id and attempts are ignored; their state is QUEUED unless it is HELD or
     * REJECTED, which keep their note); returns their ids in order.
     */
    List<OutboxId> insert(List<OutboxMessage> messages);

    /**
     * Moves up to {@code limit} messages that are queued or deferred and due at {@code now} to
     * {@link OutboxState#SENDING}, counting an attempt, with {@code owner} (a {@link SenderLease#instance()})
     * as the claim's owner, and returns them as claimed. A message another process claimed first is skipped.
     */
    List<OutboxMessage> claimDue(Instant now, int limit, String owner);

    /**
     * SENDING → TRANSMITTING, only while {@code owner} holds the claim: written (committed) just before the
     * end of the message's data goes to the relay. False when the claim is no longer the owner's.
     */
    boolean markTransmitting(OutboxId id, String owner);

    /** Registers or renews {@code owner}'s lease: its claims hold until {@code until}. */
    void renewLease(String owner, Instant until);

    /**
     * Takes over the claims of owners other than {@code self} whose lease ended before {@code now} (with
     * {@code othersAreGone}, as on a store only this process can open, those of every other owner): a
     * message still SENDING was never handed to the relay and is queued again (its attempt not counted);
     * one TRANSMITTING, or claimed before claims had owners, becomes IN_DOUBT with {@code inDoubtNote}.
     * Leases that ended are forgotten.
     */
    Recovery recoverClaims(Instant now, String self, boolean othersAreGone, String requeuedNote, String inDoubtNote);

    /** What {@link #recoverClaims} did. */
    record Recovery(int requeued, List<OutboxMessage> inDoubt) {}

    /** True when only this process can open the store (an embedded H2 file is locked by its process). */
    boolean exclusiveToThisProcess();

    /**
     * Moves the message from one of {@code from} to {@code to}. False when it was in none of them.
     *
     * @param nextAttemptAt stored when present
     * @param sentAt stored when present
     */
    boolean transition(
            OutboxId id,
            Set<OutboxState> from,
            OutboxState to,
            Optional<Instant> nextAttemptAt,
            Optional<Instant> sentAt,
            OptionalInt reply,
            String note);

    /** A sender's outcome for a message it claimed. */
    record Outcome(
            OutboxId id,
            OutboxState to,
            Optional<Instant> nextAttemptAt,
            Optional<Instant> sentAt,
            OptionalInt reply,
            String note) {}

    /**
     * Several {@link #transition}s from {@link OutboxState#SENDING} or {@link OutboxState#TRANSMITTING} at
     * once, each only while {@code owner} holds the claim.
     */
    void recordOutcomes(List<Outcome> outcomes, String owner);

    /**
     * Stores inline parts for the tenant by their SHA-256 ({@link InlineParts#sha256}), each once: a part
     * already stored is left alone. Messages refer to them by {@link InlinePartRef}.
     */
    void putInlineParts(TenantId tenant, Map<String, InlineImage> bySha256, Instant now);

    /** The tenant's stored inline parts with these hashes, by hash; each one's {@code contentId} is its hash. */
    Map<String, InlineImage> inlineParts(TenantId tenant, Collection<String> sha256s);

    Optional<OutboxMessage> find(TenantId tenant, OutboxId id);

    Optional<OutboxMessage> findByMessageId(String messageId);

    /** Newest first. */
    List<OutboxMessage> list(TenantId tenant, Optional<OutboxState> state, int limit);

    Map<OutboxState, Long> countByState(TenantId tenant);
}
