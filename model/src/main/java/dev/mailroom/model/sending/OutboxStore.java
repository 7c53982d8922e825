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
    /** Stores new messages (their id, state and attempts are ignored); returns their ids in order. */
    List<OutboxId> insert(List<OutboxMessage> messages);

    /**
     * Moves up to {@code limit} messages that are queued or deferred and due at {@code now} to
     * {@link OutboxState#SENDING}, counting an attempt, and returns them as claimed. A message another
     * process claimed first is skipped.
     */
    List<OutboxMessage> claimDue(Instant now, int limit);

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

    /** Several {@link #transition}s from {@link OutboxState#SENDING} at once, for the writer's batches. */
    void recordOutcomes(List<Outcome> outcomes);

    /** Every message in {@link OutboxState#SENDING} becomes {@link OutboxState#IN_DOUBT} with the note. */
    List<OutboxMessage> markSendingInDoubt(String note);

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
