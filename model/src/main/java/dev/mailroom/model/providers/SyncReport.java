package dev.mailroom.model.providers;

import java.time.Instant;
import java.util.Optional;

/**
 * What one sync of one connection did.
 *
 * @param duplicates events the provider sent again that were already recorded (recorded nothing)
 * @param caughtUp the provider had nothing more
 * @param error the fault that stopped it, in words
 */
public record SyncReport(
        String connectionName,
        int pages,
        int recorded,
        int duplicates,
        int skipped,
        boolean caughtUp,
        boolean cancelled,
        Optional<String> error,
        Optional<Instant> nextSyncAt) {

    /** One sentence for the status bar. */
    public String words() {
        StringBuilder s = new StringBuilder("\"" + connectionName + "\": ");
        s.append(recorded == 1 ? "1 new event" : recorded + " new events");
        if (duplicates > 0) {
            s.append(", ").append(duplicates).append(" already recorded");
        }
        if (skipped > 0) {
            s.append(", ").append(skipped).append(" unusable left out");
        }
        s.append(" from ").append(pages == 1 ? "1 page" : pages + " pages").append('.');
        if (error.isPresent()) {
            s.append(" Stopped: ").append(error.get());
        } else if (cancelled) {
            s.append(" Cancelled; the next sync continues from here.");
        } else if (!caughtUp) {
            s.append(" More is waiting; the next sync continues from here.");
        } else {
            s.append(" Up to date.");
        }
        return s.toString();
    }
}
