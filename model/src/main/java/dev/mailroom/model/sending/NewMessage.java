package dev.mailroom.model.sending;

import dev.mailroom.model.common.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * A message to queue for one recipient.
 *
 * @param transactional a receipt or password reset; anything else carries List-Unsubscribe
 * @param unsubscribeUrl the https URL for one-click unsubscribe; required unless transactional
 */
public record NewMessage(
        TenantId tenant,
        ConnectionId connection,
        String fromAddress,
        String fromName,
        String to,
        String subject,
        String textBody,
        Optional<String> htmlBody,
        boolean transactional,
        Optional<String> unsubscribeUrl) {

    public NewMessage {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(fromAddress, "fromAddress");
        fromName = fromName == null ? "" : fromName;
        Objects.requireNonNull(to, "to");
        subject = subject == null ? "" : subject;
        textBody = textBody == null ? "" : textBody;
        Objects.requireNonNull(htmlBody, "htmlBody");
        Objects.requireNonNull(unsubscribeUrl, "unsubscribeUrl");
    }

    /** The sending domain: the From address's domain, lower case. */
    public String domain() {
        return OutboxMessage.domainOf(fromAddress);
    }
}
