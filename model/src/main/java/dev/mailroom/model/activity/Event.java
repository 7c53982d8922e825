package dev.mailroom.model.activity;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to one message for one recipient.
 *
 * @param tenant whose message it was
 * @param domain the sending domain name, lower case ("tryacme.com")
 * @param at when it happened
 * @param recipient the recipient address, lower case
 * @param messageId the message's Message-ID, when known
 * @param type what happened
 * @param details what the receiving server said
 */
public record Event(
        TenantId tenant,
        String domain,
        Instant at,
        String recipient,
        Optional<String> messageId,
        EventType type,
        EventDetails details) {

    public Event {
        Objects.requireNonNull(tenant, "tenant");
        domain = normalise(Objects.requireNonNull(domain, "domain"));
        Objects.requireNonNull(at, "at");
        recipient = normalise(Objects.requireNonNull(recipient, "recipient"));
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(details, "details");
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("an event needs its sending domain");
        }
    }

    public static Event of(TenantId tenant, String domain, Instant at, String recipient, EventType type) {
        return new Event(tenant, domain, at, recipient, Optional.empty(), type, EventDetails.NONE);
    }

    /** The day this event counts in: roll-ups use UTC days, so that every user sees the same totals. */
    public LocalDate day() {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    public static String normalise(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }
}
