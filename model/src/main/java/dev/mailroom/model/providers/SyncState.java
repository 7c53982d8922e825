package dev.mailroom.model.providers;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.ConnectionId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one API connection's activity sync stands.
 *
 * @param cursor the adapter's cursor ("" before the first sync)
 * @param lastSyncAt when a sync last finished (caught up, stopped or failed)
 * @param lastSuccessAt when a sync last caught up without a fault
 * @param nextSyncAt when the scheduled sync runs next (later after faults: back-off)
 * @param lastError the last fault in words, empty after a clean run
 * @param failures faults in a row (back-off grows with it)
 * @param eventsRecorded events recorded by this connection's syncs in all
 */
public record SyncState(
        TenantId tenant,
        ConnectionId connection,
        String cursor,
        Optional<Instant> lastSyncAt,
        Optional<Instant> lastSuccessAt,
        Optional<Instant> nextSyncAt,
        Optional<String> lastError,
        int failures,
        long eventsRecorded) {
    public SyncState {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(cursor, "cursor");
    }

    public static SyncState fresh(TenantId tenant, ConnectionId connection) {
        return new SyncState(
                tenant, connection, "", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 0);
    }
}
