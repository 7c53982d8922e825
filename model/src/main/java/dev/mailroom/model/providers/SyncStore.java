package dev.mailroom.model.providers;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.ConnectionId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Port: each API connection's sync state and the provider events already recorded. Every read takes the tenant. */
public interface SyncStore {
    Optional<SyncState> find(TenantId tenant, ConnectionId connection);

    List<SyncState> list(TenantId tenant);

    void save(SyncState state);

    /**
     * Notes provider events as recorded, a page at a time. Returns the keys that were new; those already
     * noted (now or in an earlier sync) are left out, and the caller records nothing for them.
     */
    Set<String> markSeen(TenantId tenant, ConnectionId connection, Collection<String> eventKeys, Instant at);
}
