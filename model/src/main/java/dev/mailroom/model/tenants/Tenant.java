package dev.mailroom.model.tenants;

import dev.mailroom.model.common.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One client company. */
public record Tenant(
        TenantId id,
        String name,
        String accentColor,
        String contactName,
        String contactEmail,
        OwnershipModel ownership,
        PartnerAccessPattern partnerAccess,
        TenantStatus status,
        Instant createdAt,
        Optional<Instant> archivedAt) {

    /** How long an archived tenant is kept before it may be purged. */
    public static final Duration RETENTION = Duration.ofDays(90);

    public boolean isArchived() {
        return status == TenantStatus.ARCHIVED;
    }

    /** When an archived tenant may be purged. */
    public Optional<Instant> purgeableFrom() {
        return archivedAt.map(at -> at.plus(RETENTION));
    }

    /** Whole days left before purge is allowed (0 when it already is). */
    public Optional<Long> daysUntilPurgeable(Instant now) {
        return purgeableFrom().map(from -> {
            Duration left = Duration.between(now, from);
            if (left.isNegative() || left.isZero()) {
                return 0L;
            }
            return (left.toHours() + 23) / 24;
        });
    }

    public TenantDraft toDraft() {
        return new TenantDraft(name, accentColor, contactName, contactEmail, ownership, partnerAccess);
    }
}
