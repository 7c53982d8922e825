package dev.mailroom.model.sending;

import dev.mailroom.model.common.TenantId;
import java.util.List;
import java.util.Optional;

/** What the send dialog submits. Recipients are addresses already split (one, or the good rows of a CSV). */
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
        Optional<String> unsubscribeUrl) {

    public SendRequest {
        recipients = List.copyOf(recipients);
        htmlBody = htmlBody == null ? Optional.empty() : htmlBody;
        unsubscribeUrl = unsubscribeUrl == null ? Optional.empty() : unsubscribeUrl;
    }
}
