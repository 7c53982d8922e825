package dev.mailroom.model.sending;

import dev.mailroom.model.common.InlineImage;
import dev.mailroom.model.common.TenantId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message to queue for one recipient.
 *
 * @param transactional a receipt or password reset; anything else carries List-Unsubscribe
 * @param unsubscribeUrl the https URL for one-click unsubscribe; required unless transactional
 * @param inlineParts images the HTML refers to by {@code cid:} (a template's logo); the same instances for
 *     every recipient of a campaign, stored once
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
        Optional<String> unsubscribeUrl,
        List<InlineImage> inlineParts,
        List<Attachment> attachments) {

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
        inlineParts = inlineParts == null ? List.of() : List.copyOf(inlineParts);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A message without attachments. */
    public NewMessage(
            TenantId tenant,
            ConnectionId connection,
            String fromAddress,
            String fromName,
            String to,
            String subject,
            String textBody,
            Optional<String> htmlBody,
            boolean transactional,
            Optional<String> unsubscribeUrl,
            List<InlineImage> inlineParts) {
        this(
                tenant,
                connection,
                fromAddress,
                fromName,
                to,
                subject,
                textBody,
                htmlBody,
                transactional,
                unsubscribeUrl,
                inlineParts,
                List.of());
    }

    /** A message without inline parts. */
    public NewMessage(
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
        this(
                tenant,
                connection,
                fromAddress,
                fromName,
                to,
                subject,
                textBody,
                htmlBody,
                transactional,
                unsubscribeUrl,
                List.of());
    }

    /** The sending domain: the From address's domain, lower case. */
    public String domain() {
        return OutboxMessage.domainOf(fromAddress);
    }
}
