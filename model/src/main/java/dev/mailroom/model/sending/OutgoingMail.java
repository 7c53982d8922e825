package dev.mailroom.model.sending;

import dev.mailroom.model.common.InlineImage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message for one recipient, as the transport renders it. {@code messageId} and {@code date}
 * come from the outbox, so that a re-send is the same message.
 *
 * @param listUnsubscribe for non-transactional mail: the one-click unsubscribe URL (RFC 8058)
 * @param inlineParts images the HTML refers to by {@code cid:}, sent inside the message
 */
public record OutgoingMail(
        String messageId,
        Instant date,
        String fromAddress,
        String fromName,
        String to,
        String subject,
        String textBody,
        Optional<String> htmlBody,
        Optional<String> listUnsubscribe,
        Optional<DkimSigningKey> dkim,
        List<InlineImage> inlineParts,
        List<Attachment> attachments) {

    public OutgoingMail {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(fromAddress, "fromAddress");
        fromName = fromName == null ? "" : fromName;
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(textBody, "textBody");
        Objects.requireNonNull(htmlBody, "htmlBody");
        Objects.requireNonNull(listUnsubscribe, "listUnsubscribe");
        Objects.requireNonNull(dkim, "dkim");
        inlineParts = inlineParts == null ? List.of() : List.copyOf(inlineParts);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A message without attachments. */
    public OutgoingMail(
            String messageId,
            Instant date,
            String fromAddress,
            String fromName,
            String to,
            String subject,
            String textBody,
            Optional<String> htmlBody,
            Optional<String> listUnsubscribe,
            Optional<DkimSigningKey> dkim,
            List<InlineImage> inlineParts) {
        this(
                messageId,
                date,
                fromAddress,
                fromName,
                to,
                subject,
                textBody,
                htmlBody,
                listUnsubscribe,
                dkim,
                inlineParts,
                List.of());
    }

    /** A message without inline images (what the outbox sends). */
    public OutgoingMail(
            String messageId,
            Instant date,
            String fromAddress,
            String fromName,
            String to,
            String subject,
            String textBody,
            Optional<String> htmlBody,
            Optional<String> listUnsubscribe,
            Optional<DkimSigningKey> dkim) {
        this(messageId, date, fromAddress, fromName, to, subject, textBody, htmlBody, listUnsubscribe, dkim, List.of());
    }
}
