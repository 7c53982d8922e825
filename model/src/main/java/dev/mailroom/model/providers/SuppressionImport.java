package dev.mailroom.model.providers;

import java.util.Optional;

/**
 * What one import of a connection's provider suppression lists did.
 *
 * @param added entries new to the tenant's suppressions
 * @param already addresses the tenant already suppressed for that domain (left as they were)
 * @param noDomain entries for the whole account when the tenant has no sending domain to apply them to
 */
public record SuppressionImport(
        String connectionName,
        int pages,
        int added,
        int already,
        int noDomain,
        int skipped,
        boolean cancelled,
        Optional<String> error) {

    public String words() {
        StringBuilder s = new StringBuilder("\"" + connectionName + "\": ");
        s.append(added == 1 ? "1 suppression added" : added + " suppressions added");
        if (already > 0) {
            s.append(", ").append(already).append(" already on the list");
        }
        if (noDomain > 0) {
            s.append(", ").append(noDomain).append(" not applied (this client has no sending domain yet)");
        }
        if (skipped > 0) {
            s.append(", ").append(skipped).append(" unusable left out (patterns, no address)");
        }
        s.append('.');
        error.ifPresent(e -> s.append(" Stopped: ").append(e));
        if (error.isEmpty() && cancelled) {
            s.append(" Cancelled; importing again picks up the rest.");
        }
        return s.toString();
    }
}
