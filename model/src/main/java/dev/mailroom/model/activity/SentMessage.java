package dev.mailroom.model.activity;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.Objects;

/** A message Mailroom sent, as much as is needed to match a bounce or complaint back to it. */
public record SentMessage(TenantId tenant, String domain, String recipient, String messageId, Instant sentAt) {
    public SentMessage {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
