package dev.mailroom.model.providers;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.ConnectionId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: each API connection's sync state and the provider events already recorded. Every read takes the tenant. */
public interface SyncStore {
    Optional<SyncState> find(TenantId tenant, ConnectionId connection);

    List<SyncState> list(TenantId tenant);

    void save(SyncState state);

    /** Notes a provider event as recorded. False when it already was: the caller records nothing. */
    boolean markSeen(TenantId tenant, ConnectionId connection, String eventKey, Instant at);
}
