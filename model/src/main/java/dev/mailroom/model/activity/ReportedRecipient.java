package dev.mailroom.model.activity;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One recipient named in an incoming report.
 *
 * @param recipient the address the report is about (for a DSN the {@code Final-Recipient}; for a
 *     complaint the reported {@code Original-Rcpt-To})
 * @param originalRecipient the address as the sender gave it ({@code Original-Recipient}), when the
 *     report says so and it differs; this is the one to match against what was sent
 * @param action failed, delayed, delivered… ({@link DeliveryAction#FAILED} for complaints)
 * @param status the RFC 3463 code; for a complaint or auto-reply empty
 * @param statusInferred true when the server gave no code and it was read from the wording
 * @param smtpReply the SMTP reply code (550, 452…) when the report quotes one
 * @param diagnostic the server's words, one line, at most a few hundred characters
 * @param severity hard or soft for a failure or delay, none otherwise
 * @param feedbackType for a complaint, the ARF feedback type (abuse, opt-out, auth-failure…)
 */
public record ReportedRecipient(
        String recipient,
        Optional<String> originalRecipient,
        DeliveryAction action,
        Optional<EnhancedStatus> status,
        boolean statusInferred,
        OptionalInt smtpReply,
        String diagnostic,
        Severity severity,
        Optional<String> feedbackType) {

    public ReportedRecipient {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(originalRecipient, "originalRecipient");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(smtpReply, "smtpReply");
        Objects.requireNonNull(diagnostic, "diagnostic");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(feedbackType, "feedbackType");
    }

    /** The address that was sent to: the original recipient when known, else the recipient. */
    public String addressSentTo() {
        return originalRecipient.orElse(recipient);
    }

    public boolean isBounce() {
        return severity == Severity.HARD || severity == Severity.SOFT;
    }

    public boolean isHard() {
        return severity == Severity.HARD;
    }
}
