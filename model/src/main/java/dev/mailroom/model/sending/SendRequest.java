package dev.mailroom.model.sending;

import dev.mailroom.model.common.InlineImage;
import dev.mailroom.model.common.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * What the send dialog submits. Recipients are addresses already split (one, or the good rows of a CSV).
 * {@code inlineParts} are the images the HTML refers to by {@code cid:} (a rendered template's logo).
 */
public record SendRequest(
        TenantId tenant,
        ConnectionId connection,
        String fromAddress,
        String fromName,
        List<String> recipients,
        String subject,
        String textBody,
        Optional<String> htmlBody,
        boolean transactional,
        Optional<String> unsubscribeUrl,
        List<InlineImage> inlineParts,
        List<Attachment> attachments) {

    public SendRequest {
        recipients = List.copyOf(recipients);
        htmlBody = htmlBody == null ? Optional.empty() : htmlBody;
        unsubscribeUrl = unsubscribeUrl == null ? Optional.empty() : unsubscribeUrl;
        inlineParts = inlineParts == null ? List.of() : List.copyOf(inlineParts);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A request without attachments. */
    public SendRequest(
            TenantId tenant,
            ConnectionId connection,
            String fromAddress,
            String fromName,
            List<String> recipients,
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
                recipients,
                subject,
                textBody,
                htmlBody,
                transactional,
                unsubscribeUrl,
                inlineParts,
                List.of());
    }

    /** A request without inline parts. */
    public SendRequest(
            TenantId tenant,
            ConnectionId connection,
            String fromAddress,
            String fromName,
            List<String> recipients,
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
                recipients,
                subject,
                textBody,
                htmlBody,
                transactional,
                unsubscribeUrl,
                List.of());
    }
}
