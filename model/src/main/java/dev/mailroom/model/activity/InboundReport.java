package dev.mailroom.model.activity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one incoming message (a bounce, a complaint, an auto-reply, or none of these) says.
 *
 * @param kind what the message is
 * @param recipients one entry per recipient the report is about; empty for auto-replies and
 *     ordinary messages
 * @param originalMessageId the Message-ID of the message that bounced or was complained about,
 *     when the report carries it (angle brackets kept, as in the header)
 * @param note a short, human sentence on how the message was read (or why it could not be), for
 *     the import log
 * @param complaint for an RFC 5965 feedback report, its fields (kept with each complaint recorded)
 */
public record InboundReport(
        ReportKind kind,
        List<ReportedRecipient> recipients,
        Optional<String> originalMessageId,
        String note,
        Optional<ComplaintReport> complaint) {

    public InboundReport {
        Objects.requireNonNull(kind, "kind");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(originalMessageId, "originalMessageId");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(complaint, "complaint");
    }

    public InboundReport(
            ReportKind kind, List<ReportedRecipient> recipients, Optional<String> originalMessageId, String note) {
        this(kind, recipients, originalMessageId, note, Optional.empty());
    }

    public static InboundReport nothing(ReportKind kind, String note) {
        return new InboundReport(kind, List.of(), Optional.empty(), note);
    }

    /** The recipients that bounced (hard or soft, failed or delayed). */
    public List<ReportedRecipient> bounces() {
        return recipients.stream().filter(ReportedRecipient::isBounce).toList();
    }
}
