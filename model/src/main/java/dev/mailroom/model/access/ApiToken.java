package dev.mailroom.model.access;

import dev.mailroom.model.common.ApiTokenId;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A user's API token as stored: never the token itself, only what it may do and when it was used.
 * {@code allTenants} means every client its user may see (now and later); otherwise only {@code
 * tenants}. Its permissions narrow the user's roles there; they never add to them.
 */
public record ApiToken(
        ApiTokenId id,
        UserId user,
        String userName,
        String name,
        String hint,
        Set<Permission> permissions,
        boolean allTenants,
        Set<TenantId> tenants,
        Instant createdAt,
        Optional<Instant> expiresAt,
        Optional<Instant> lastUsedAt,
        Optional<Instant> revokedAt) {
    public ApiToken {
        permissions = Set.copyOf(permissions);
        tenants = Set.copyOf(tenants);
    }

    public enum State {
        ACTIVE("Active"),
        EXPIRED("Expired"),
        REVOKED("Revoked");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public State state(Instant now) {
        if (revokedAt.isPresent()) {
            return State.REVOKED;
        }
        if (expiresAt.filter(e -> !now.isBefore(e)).isPresent()) {
            return State.EXPIRED;
        }
        return State.ACTIVE;
    }

    public boolean covers(TenantId tenant) {
        return allTenants || tenants.contains(tenant);
    }

    /** Every client and every permission: the only kind of token that may do the agency owner's own work. */
    public boolean unrestricted() {
        return allTenants && permissions.containsAll(Set.of(Permission.values()));
    }
}
