package dev.mailroom.model.access;

import dev.mailroom.model.common.ApiTokenId;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Port: API tokens, kept as a hash of the token. */
public interface ApiTokenStore {
    ApiTokenId insert(
            UserId user,
            String name,
            String tokenHash,
            String hint,
            Set<Permission> permissions,
            boolean allTenants,
            Set<TenantId> tenants,
            Instant createdAt,
            Optional<Instant> expiresAt);

    Optional<ApiToken> find(ApiTokenId id);

    Optional<ApiToken> findByHash(String tokenHash);

    /** One user's tokens, newest first. */
    List<ApiToken> ofUser(UserId user);

    /** Every user's tokens, newest first (for the agency owner). */
    List<ApiToken> all();

    void revoke(ApiTokenId id, Instant at);

    void markUsed(ApiTokenId id, Instant at);

    /** A store without tokens: every token actor is refused everything. */
    ApiTokenStore NONE = new ApiTokenStore() {
        @Override
        public ApiTokenId insert(
                UserId user,
                String name,
                String tokenHash,
                String hint,
                Set<Permission> permissions,
                boolean allTenants,
                Set<TenantId> tenants,
                Instant createdAt,
                Optional<Instant> expiresAt) {
            throw new UnsupportedOperationException("no token store");
        }

        @Override
        public Optional<ApiToken> find(ApiTokenId id) {
            return Optional.empty();
        }

        @Override
        public Optional<ApiToken> findByHash(String tokenHash) {
            return Optional.empty();
        }

        @Override
        public List<ApiToken> ofUser(UserId user) {
            return List.of();
        }

        @Override
        public List<ApiToken> all() {
            return List.of();
        }

        @Override
        public void revoke(ApiTokenId id, Instant at) {}

        @Override
        public void markUsed(ApiTokenId id, Instant at) {}
    };
}
