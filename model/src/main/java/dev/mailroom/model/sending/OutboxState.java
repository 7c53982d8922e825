package dev.mailroom.model.sending;

import java.util.EnumSet;
import java.util.Set;

/** Where a message is in its life in the outbox. */
public enum OutboxState {
    /** Stored, waiting for its turn. */
    QUEUED("Queued"),
    /** Claimed by the sender; the SMTP conversation is (or was, if Mailroom stopped) under way. */
    SENDING("Sending"),
    /** The relay accepted it (a 250 after DATA). */
    SENT("Sent"),
    /** A temporary failure (4xx, no connection); tried again at the next attempt time. */
    DEFERRED("Deferred"),
    /** A permanent failure (5xx), or temporary failures for longer than the maximum age. */
    FAILED("Failed"),
    /** Not sent on purpose: the recipient is suppressed or a limit applies; the note says which. */
    REJECTED("Rejected"),
    /** Mailroom stopped while sending it: the relay may have accepted it. A person decides. */
    IN_DOUBT("In doubt"),
    /** A person decided not to send it. */
    CANCELLED("Cancelled");

    private final String label;

    OutboxState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** States in which a message may still go out, or may have gone out unrecorded. */
    public static Set<OutboxState> unfinished() {
        return EnumSet.of(QUEUED, SENDING, DEFERRED, IN_DOUBT);
    }
}
