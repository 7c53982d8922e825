package dev.mailroom.model.sending;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: a tenant's connections (SMTP relays and provider APIs). Passwords and keys go in and out only sealed. */
public interface ConnectionStore {
    ConnectionId insert(TenantId tenant, ConnectionDraft draft, Optional<byte[]> sealedPassword, Instant createdAt);

    /** A provider API connection; its key goes in sealed, like a password. */
    ConnectionId insertApi(TenantId tenant, ApiConnectionDraft draft, Optional<byte[]> sealedKey, Instant createdAt);

    /** Replaces an API connection's settings; the key only when {@code sealedKey} is present. The kind stays. */
    void updateApi(TenantId tenant, ConnectionId id, ApiConnectionDraft draft, Optional<byte[]> sealedKey);

    /** Replaces the settings; the stored password is replaced only when {@code sealedPassword} is present. */
    void update(TenantId tenant, ConnectionId id, ConnectionDraft draft, Optional<byte[]> sealedPassword);

    Optional<Connection> find(TenantId tenant, ConnectionId id);

    /** The tenant's connections by name. */
    List<Connection> list(TenantId tenant);

    /** The encrypted password, when one is stored. */
    Optional<byte[]> sealedPassword(TenantId tenant, ConnectionId id);

    boolean delete(TenantId tenant, ConnectionId id);

    /** Whether any outbox message still waits to go through this connection. */
    boolean hasUnsentMessages(TenantId tenant, ConnectionId id);
}
