package dev.mailroom.model.access;

import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.UserId;
import java.time.Instant;
import java.util.Optional;

/** A console user. The password hash never leaves the store in this record. */
public record User(
        UserId id,
        String email,
        String name,
        boolean agencyOwner,
        StaffKind staffKind,
        Optional<TenantId> homeTenant,
        boolean active,
        boolean mustChangePassword,
        int failedSignIns,
        Optional<Instant> lockedUntil,
        Instant createdAt) {

    public Principal principal() {
        return new Principal(id, name);
    }
}
