package dev.mailroom.model.providers;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.ConnectionKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the scoped keys made for each tenant (never their secrets). Every method takes the tenant. */
public interface ProviderKeyStore {
    ProviderKeyId insert(
            TenantId tenant,
            ConnectionId connection,
            ConnectionKind provider,
            String providerKeyId,
            String name,
            Optional<String> domain,
            List<String> scopes,
            Instant createdAt,
            Optional<Instant> rotatedAt);

    /** Newest first. */
    List<ProviderKey> list(TenantId tenant);

    Optional<ProviderKey> find(TenantId tenant, ProviderKeyId id);

    void markRotating(TenantId tenant, ProviderKeyId id, Instant graceEndsAt);

    void markRevoked(TenantId tenant, ProviderKeyId id, Instant at);
}
