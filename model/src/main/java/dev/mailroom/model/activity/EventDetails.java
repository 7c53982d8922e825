package dev.mailroom.model.activity;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the receiving server said about an event, when it said anything.
 *
 * @param complaint for a complaint read from an RFC 5965 feedback report, the report's fields
 */
public record EventDetails(
        OptionalInt smtpReply,
        Optional<EnhancedStatus> status,
        String diagnostic,
        Optional<ComplaintReport> complaint) {
    public static final EventDetails NONE = new EventDetails(OptionalInt.empty(), Optional.empty(), "");
    /** Diagnostics are kept to this many characters. */
    public static final int MAX_DIAGNOSTIC = 1000;

    public EventDetails {
        Objects.requireNonNull(smtpReply, "smtpReply");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(diagnostic, "diagnostic");
        Objects.requireNonNull(complaint, "complaint");
        if (smtpReply.isPresent() && (smtpReply.getAsInt() < 200 || smtpReply.getAsInt() > 599)) {
            throw new IllegalArgumentException("an SMTP reply code is 200..599: " + smtpReply.getAsInt());
        }
        if (diagnostic.length() > MAX_DIAGNOSTIC) {
            diagnostic = diagnostic.substring(0, MAX_DIAGNOSTIC);
        }
    }

    /** What a server said, with no complaint report. */
    public EventDetails(OptionalInt smtpReply, Optional<EnhancedStatus> status, String diagnostic) {
        this(smtpReply, status, diagnostic, Optional.empty());
    }
}
