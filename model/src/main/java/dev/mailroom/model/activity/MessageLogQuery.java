package dev.mailroom.model.activity;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What to look for in a tenant's message log. Blank texts mean "any".
 *
 * @param recipient an exact address when it holds an "@", else a part of one
 * @param subject a part of the subject (only messages Mailroom sent itself have one)
 * @param messageId the Message-ID, with or without its angle brackets
 * @param status messages to which this happened (a hard bounce, a complaint…); empty for all
 * @param from the earliest time, inclusive
 * @param to the latest time, exclusive
 */
public record MessageLogQuery(
        String recipient, String subject, String messageId, Optional<EventType> status, Instant from, Instant to) {

    public MessageLogQuery {
        recipient = Objects.requireNonNull(recipient, "recipient").strip().toLowerCase(Locale.ROOT);
        subject = Objects.requireNonNull(subject, "subject").strip();
        messageId = normaliseMessageId(Objects.requireNonNull(messageId, "messageId"));
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the period must end after it starts");
        }
    }

    public static MessageLogQuery all(Instant from, Instant to) {
        return new MessageLogQuery("", "", "", Optional.empty(), from, to);
    }

    /** Whether the recipient text names one address (an exact look-up) rather than a part of one. */
    public boolean exactRecipient() {
        return recipient.contains("@");
    }

    /** Message-IDs are stored as in the header, in angle brackets; people often paste them without. */
    static String normaliseMessageId(String id) {
        String s = id.strip();
        if (s.isEmpty() || s.startsWith("<")) {
            return s;
        }
        return "<" + s + ">";
    }
}
