package dev.mailroom.model.sending;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: a tenant's connections. Passwords go in and out only in their encrypted form. */
public interface ConnectionStore {
    ConnectionId insert(TenantId tenant, ConnectionDraft draft, Optional<byte[]> sealedPassword, Instant createdAt);

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
