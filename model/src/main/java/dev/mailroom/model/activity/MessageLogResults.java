package dev.mailroom.model.activity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a message log search, newest first, and where the next page starts when there is one.
 */
public record MessageLogResults(List<MessageSummary> messages, Optional<Cursor> next) {

    public MessageLogResults {
        messages = List.copyOf(messages);
        Objects.requireNonNull(next, "next");
    }

    /** The position after the last event a page was found by: the next page continues strictly below it. */
    public record Cursor(Instant at, long eventId) {
        public Cursor {
            Objects.requireNonNull(at, "at");
        }
    }
}
