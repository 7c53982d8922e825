package dev.mailroom.model.onboarding;

import dev.mailroom.model.sending.OutboxMessage;
import java.time.Instant;
import java.util.Optional;

/** A message kept for content review during probation, with who reviewed it. */
public record ReviewSample(
        OutboxMessage message,
        Instant keptAt,
        Optional<String> reviewedBy,
        Optional<Instant> reviewedAt,
        String reviewNote) {
    public boolean reviewed() {
        return reviewedAt.isPresent();
    }
}
