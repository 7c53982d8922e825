package dev.mailroom.model.sending;

import java.util.EnumSet;
import java.util.Set;

/** Where a message is in its life in the outbox. */
public enum OutboxState {
    /** Stored, waiting for its turn. */
    QUEUED("Queued"),
    /**
     * Claimed by a console's sender; the end of its data has not gone to the relay yet. Found after its
     * console stopped, it is queued again: the relay cannot have accepted it.
     */
    SENDING("Sending"),
    /**
     * The end of its data went to the relay and the reply is not recorded yet (a moment, normally). Found
     * after its console stopped, it becomes IN_DOUBT: the relay may have accepted it.
     */
    TRANSMITTING("Awaiting reply"),
    /** The relay accepted it (a 250 after DATA). */
    SENT("Sent"),
    /** A temporary failure (4xx, no connection); tried again at the next attempt time. */
    DEFERRED("Deferred"),
    /** A permanent failure (5xx), or temporary failures for longer than the maximum age. */
    FAILED("Failed"),
    /** Not sent on purpose: the recipient is suppressed or a limit applies; the note says which. */
    REJECTED("Rejected"),
    /** Mailroom stopped after handing it to the relay and before the reply: it may have been accepted. A person decides. */
    IN_DOUBT("In doubt"),
    /** A person decided not to send it. */
    CANCELLED("Cancelled"),
    /**
     * Not sent yet: the recipient's address is risky and the tenant holds such messages (issue 14, decision
     * 0048); the note says why. The sender never claims it; a person releases it (queued) or drops it
     * (cancelled).
     */
    HELD("Held");

    private final String label;

    OutboxState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** States in which a message may still go out, or may have gone out unrecorded. */
    public static Set<OutboxState> unfinished() {
        return EnumSet.of(QUEUED, SENDING, TRANSMITTING, DEFERRED, IN_DOUBT, HELD);
    }

    /** Claimed by a sender and not finished: SENDING or TRANSMITTING. */
    public static Set<OutboxState> inFlight() {
        return EnumSet.of(SENDING, TRANSMITTING);
    }
}
