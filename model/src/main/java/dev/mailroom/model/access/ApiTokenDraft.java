package dev.mailroom.model.access;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A token to make: a name to recognise it by, the clients it reaches ({@code allTenants}, or the
 * listed ones), what it may do there, and when it stops working (empty: until revoked).
 */
public record ApiTokenDraft(
        String name,
        boolean allTenants,
        Set<TenantId> tenants,
        Set<Permission> permissions,
        Optional<Instant> expiresAt) {
    public ApiTokenDraft {
        tenants = Set.copyOf(tenants);
        permissions = Set.copyOf(permissions);
    }

    /** The permissions of these roles, as a starting point for a token's. */
    public static Set<Permission> permissionsOf(Set<Role> roles) {
        java.util.EnumSet<Permission> p = java.util.EnumSet.noneOf(Permission.class);
        roles.forEach(r -> p.addAll(r.permissions()));
        return p;
    }
}
