package dev.mailroom.model.providers;

import dev.mailroom.model.suppressions.SuppressionReason;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one import of a connection's provider suppression lists did.
 *
 * @param added entries new to the tenant's suppressions
 * @param already addresses the tenant already suppressed for that domain (left as they were)
 * @param noDomain entries for the whole account when the tenant has no sending domain to apply them to
 * @param differing of {@code already}, those the tenant suppresses for another reason than the provider's
 * @param differences the first of them ({@link #SHOWN}), for the person to look at
 */
public record SuppressionImport(
        String connectionName,
        int pages,
        int added,
        int already,
        int noDomain,
        int skipped,
        boolean cancelled,
        Optional<String> error,
        int differing,
        List<Difference> differences) {
    /** How many differences an import keeps to show. */
    public static final int SHOWN = 20;

    /** An address both lists hold, for different reasons: Mailroom's entry is kept as it is. */
    public record Difference(String address, String domain, SuppressionReason here, SuppressionReason there) {
        public String words(String provider) {
            return address + " (" + domain + "): " + label(here) + " here, " + label(there) + " at " + provider;
        }
    }

    public SuppressionImport {
        differences = List.copyOf(differences);
    }

    public static String label(SuppressionReason r) {
        return switch (r) {
            case SOFT_BOUNCE_HOLD -> "on hold after soft bounces";
            default -> r.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

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
        if (differing > 0) {
            s.append(' ')
                    .append(differing == 1 ? "1 address is" : differing + " addresses are")
                    .append(" suppressed here for another reason than the provider's, kept as they were: ");
            differences.stream()
                    .limit(3)
                    .forEach(d -> s.append(d.words(connectionName)).append("; "));
            s.setLength(s.length() - 2);
            s.append(differing > 3 ? "; and " + (differing - 3) + " more." : ".");
        }
        error.ifPresent(e -> s.append(" Stopped: ").append(e));
        if (error.isEmpty() && cancelled) {
            s.append(" Cancelled; importing again picks up the rest.");
        }
        return s.toString();
    }
}
