package dev.mailroom.model.activity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One message to one recipient as the message log lists it.
 *
 * @param status the latest thing that happened to it
 * @param subject its subject, when Mailroom sent it itself (messages reported by a provider have none here)
 * @param firstAt its first event
 * @param lastAt its latest event
 * @param events how many events it has
 */
public record MessageSummary(
        String messageId,
        String recipient,
        String domain,
        Optional<String> subject,
        EventType status,
        Instant firstAt,
        Instant lastAt,
        int events) {

    public MessageSummary {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(firstAt, "firstAt");
        Objects.requireNonNull(lastAt, "lastAt");
    }
}
