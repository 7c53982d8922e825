package dev.mailroom.model.access;

import dev.mailroom.model.common.TenantId;
import java.util.Optional;

/** What the store needs to create a user; the password arrives already hashed. */
public record NewUser(
        String email,
        String name,
        String passwordHash,
        boolean agencyOwner,
        StaffKind staffKind,
        Optional<TenantId> homeTenant,
        boolean mustChangePassword) {}
