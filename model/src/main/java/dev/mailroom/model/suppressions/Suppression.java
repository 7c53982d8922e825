package dev.mailroom.model.suppressions;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One recipient not to send to from one tenant's sending domain.
 *
 * @param until when a hold ends; empty for a permanent entry
 * @param note where it came from ("550 5.1.1 user unknown", "added by ann@agency")
 */
public record Suppression(
        TenantId tenant,
        String domain,
        String address,
        SuppressionReason reason,
        Instant since,
        Optional<Instant> until,
        String note) {

    public Suppression {
        Objects.requireNonNull(tenant, "tenant");
        domain = Objects.requireNonNull(domain, "domain").trim().toLowerCase(Locale.ROOT);
        address = Objects.requireNonNull(address, "address").trim().toLowerCase(Locale.ROOT);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(note, "note");
        if (reason.isPermanent() != until.isEmpty()) {
            throw new IllegalArgumentException(reason + (reason.isPermanent() ? " has no end" : " needs an end"));
        }
        if (until.isPresent() && !until.get().isAfter(since)) {
            throw new IllegalArgumentException("a hold must end after it starts");
        }
    }

    /** Whether sending to the address is blocked at {@code now}. */
    public boolean activeAt(Instant now) {
        return until.map(now::isBefore).orElse(true);
    }
}
