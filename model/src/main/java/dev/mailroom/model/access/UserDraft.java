package dev.mailroom.model.access;

import dev.mailroom.model.common.TenantId;
import java.util.Optional;

/** A new console user as the form gives it; the first password must be changed at first sign-in. */
public record UserDraft(
        String name, String email, StaffKind staffKind, Optional<TenantId> homeTenant, char[] firstPassword) {}
