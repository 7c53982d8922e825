package dev.mailroom.model.providers;

import dev.mailroom.model.activity.EventDetails;
import dev.mailroom.model.activity.EventType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event a provider reports for one recipient, already in our terms.
 *
 * @param key the provider's own identity for it ("mailersend:6319f0ca…", "sendgrid:abc123:delivered");
 *     recording it twice is what the sync must never do
 * @param senderDomain the domain of the From address (the event store counts per sending domain)
 * @param messageId our Message-ID when the provider carries it back
 * @param reason the provider's own words about it ("" when none)
 */
public record ProviderEvent(
        String key,
        Instant at,
        String recipient,
        String senderDomain,
        EventType type,
        Optional<String> messageId,
        String reason) {
    /** Longest key kept; longer provider ids are refused as malformed rather than cut (two could collide). */
    public static final int MAX_KEY = 200;

    public ProviderEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(senderDomain, "senderDomain");
        Objects.requireNonNull(type, "type");
        messageId = messageId == null ? Optional.empty() : messageId;
        reason = reason == null ? "" : reason;
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw new IllegalArgumentException("an event key is 1.." + MAX_KEY + " characters");
        }
        if (reason.length() > EventDetails.MAX_DIAGNOSTIC) {
            reason = reason.substring(0, EventDetails.MAX_DIAGNOSTIC);
        }
    }
}
