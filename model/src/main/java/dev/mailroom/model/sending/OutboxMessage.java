package dev.mailroom.model.sending;

import dev.mailroom.model.common.InlineImage;
import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One message for one recipient in the outbox, as stored.
 *
 * @param connection empty once the connection was removed (only finished messages are left then)
 * @param attempts SMTP attempts begun so far
 * @param note why it is in its state: the server's reply, the suppression, the person's decision
 * @param inlineParts the inline parts its HTML refers to, stored once per tenant by their hash
 * @param attachments its attached files, stored the same way
 */
public record OutboxMessage(
        OutboxId id,
        TenantId tenant,
        Optional<ConnectionId> connection,
        String domain,
        String messageId,
        String fromAddress,
        String fromName,
        String to,
        String subject,
        String textBody,
        Optional<String> htmlBody,
        boolean transactional,
        Optional<String> unsubscribeUrl,
        OutboxState state,
        int attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        Optional<Instant> sentAt,
        OptionalInt lastReply,
        String note,
        List<InlinePartRef> inlineParts,
        List<AttachmentRef> attachments) {

    public OutboxMessage {
        inlineParts = inlineParts == null ? List.of() : List.copyOf(inlineParts);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A message without attachments. */
    public OutboxMessage(
            OutboxId id,
            TenantId tenant,
            Optional<ConnectionId> connection,
            String domain,
            String messageId,
            String fromAddress,
            String fromName,
            String to,
            String subject,
            String textBody,
            Optional<String> htmlBody,
            boolean transactional,
            Optional<String> unsubscribeUrl,
            OutboxState state,
            int attempts,
            Instant createdAt,
            Instant nextAttemptAt,
            Optional<Instant> sentAt,
            OptionalInt lastReply,
            String note,
            List<InlinePartRef> inlineParts) {
        this(
                id,
                tenant,
                connection,
                domain,
                messageId,
                fromAddress,
                fromName,
                to,
                subject,
                textBody,
                htmlBody,
                transactional,
                unsubscribeUrl,
                state,
                attempts,
                createdAt,
                nextAttemptAt,
                sentAt,
                lastReply,
                note,
                inlineParts,
                List.of());
    }

    /** A message without inline parts. */
    public OutboxMessage(
            OutboxId id,
            TenantId tenant,
            Optional<ConnectionId> connection,
            String domain,
            String messageId,
            String fromAddress,
            String fromName,
            String to,
            String subject,
            String textBody,
            Optional<String> htmlBody,
            boolean transactional,
            Optional<String> unsubscribeUrl,
            OutboxState state,
            int attempts,
            Instant createdAt,
            Instant nextAttemptAt,
            Optional<Instant> sentAt,
            OptionalInt lastReply,
            String note) {
        this(
                id,
                tenant,
                connection,
                domain,
                messageId,
                fromAddress,
                fromName,
                to,
                subject,
                textBody,
                htmlBody,
                transactional,
                unsubscribeUrl,
                state,
                attempts,
                createdAt,
                nextAttemptAt,
                sentAt,
                lastReply,
                note,
                List.of());
    }

    public static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return (at < 0 ? "" : address.substring(at + 1)).trim().toLowerCase(Locale.ROOT);
    }

    /** Without inline parts or attachments; see {@link #toMail(Optional, List, List)}. */
    public OutgoingMail toMail(Optional<DkimSigningKey> dkim) {
        return toMail(dkim, List.of(), List.of());
    }

    /**
     * @param inline the bytes of {@link #inlineParts()}, looked up in the store, in the same order
     * @param files the bytes of {@link #attachments()}, in the same order
     */
    public OutgoingMail toMail(Optional<DkimSigningKey> dkim, List<InlineImage> inline, List<Attachment> files) {
        return new OutgoingMail(
                messageId,
                createdAt,
                fromAddress,
                fromName,
                to,
                subject,
                textBody,
                htmlBody,
                transactional ? Optional.empty() : unsubscribeUrl,
                dkim,
                inline,
                files);
    }
}
