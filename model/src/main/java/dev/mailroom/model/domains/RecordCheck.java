package dev.mailroom.model.domains;

import java.time.Instant;
import java.util.List;

/** The live check of one planned record: what was expected, what was found, and what that means. */
public record RecordCheck(
        PlannedRecord record,
        CheckStatus status,
        String expected,
        List<String> found,
        String message,
        Instant checkedAt) {
    public RecordCheck {
        found = List.copyOf(found);
    }
}
