package dev.mailroom.model.activity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: finds what was sent, across tenants. Only the report ingester uses it: a bounce arrives at
 * an agency-wide mailbox and says nothing of its tenant but the original Message-ID and recipient.
 */
public interface SentMessageLookup {
    /** The message with this Message-ID (angle brackets or not). */
    Optional<SentMessage> byMessageId(String messageId);

    /** Messages sent to this address since {@code since}, newest first, at most {@code limit}. */
    List<SentMessage> byRecipient(String recipient, Instant since, int limit);
}
