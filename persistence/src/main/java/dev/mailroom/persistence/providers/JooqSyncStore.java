package dev.mailroom.persistence.providers;

import static dev.mailroom.persistence.jooq.Tables.PROVIDER_EVENT_SEEN;
import static dev.mailroom.persistence.jooq.Tables.PROVIDER_SYNC;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.providers.SyncState;
import dev.mailroom.model.providers.SyncStore;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.persistence.jooq.tables.records.ProviderSyncRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Sync state and seen provider events in H2 or PostgreSQL; every read takes the tenant. */
public final class JooqSyncStore implements SyncStore {
    private final JooqTransactions tx;

    public JooqSyncStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<SyncState> find(TenantId tenant, ConnectionId connection) {
        return tx.dsl()
                .selectFrom(PROVIDER_SYNC)
                .where(PROVIDER_SYNC.TENANT_ID.eq(tenant.value()))
                .and(PROVIDER_SYNC.CONNECTION_ID.eq(connection.value()))
                .fetchOptional(JooqSyncStore::state);
    }

    @Override
    public List<SyncState> list(TenantId tenant) {
        return tx.dsl()
                .selectFrom(PROVIDER_SYNC)
                .where(PROVIDER_SYNC.TENANT_ID.eq(tenant.value()))
                .orderBy(PROVIDER_SYNC.CONNECTION_ID)
                .fetch(JooqSyncStore::state);
    }

    @Override
    public void save(SyncState s) {
        ProviderSyncRecord r = tx.dsl().newRecord(PROVIDER_SYNC);
        r.setConnectionId(s.connection().value());
        r.setTenantId(s.tenant().value());
        r.setActivityCursor(s.cursor());
        r.setLastSyncAt(s.lastSyncAt().map(Times::toDb).orElse(null));
        r.setLastSuccessAt(s.lastSuccessAt().map(Times::toDb).orElse(null));
        r.setNextSyncAt(s.nextSyncAt().map(Times::toDb).orElse(null));
        r.setLastError(s.lastError()
                .map(e -> e.length() > 2000 ? e.substring(0, 2000) : e)
                .orElse(null));
        r.setFailures(s.failures());
        r.setEventsRecorded(s.eventsRecorded());
        int updated = tx.dsl()
                .update(PROVIDER_SYNC)
                .set(r)
                .where(PROVIDER_SYNC.TENANT_ID.eq(s.tenant().value()))
                .and(PROVIDER_SYNC.CONNECTION_ID.eq(s.connection().value()))
                .execute();
        if (updated == 0) {
            tx.dsl().insertInto(PROVIDER_SYNC).set(r).execute();
        }
    }

    @Override
    public Set<String> markSeen(TenantId tenant, ConnectionId connection, Collection<String> eventKeys, Instant at) {
        Set<String> wanted = new LinkedHashSet<>(eventKeys);
        if (wanted.isEmpty()) {
            return Set.of();
        }
        // One query for those noted before and one batch for the rest: a page of 100 events was 100
        // round trips, which bounded the sync well below the provider's rate limit.
        wanted.removeAll(tx.dsl()
                .select(PROVIDER_EVENT_SEEN.EVENT_KEY)
                .from(PROVIDER_EVENT_SEEN)
                .where(PROVIDER_EVENT_SEEN.CONNECTION_ID.eq(connection.value()))
                .and(PROVIDER_EVENT_SEEN.EVENT_KEY.in(wanted))
                .fetchSet(PROVIDER_EVENT_SEEN.EVENT_KEY));
        if (wanted.isEmpty()) {
            return Set.of();
        }
        List<String> keys = List.copyOf(wanted);
        var batch = tx.dsl()
                .batch(tx.dsl()
                        .insertInto(PROVIDER_EVENT_SEEN)
                        .set(PROVIDER_EVENT_SEEN.CONNECTION_ID, (Long) null)
                        .set(PROVIDER_EVENT_SEEN.TENANT_ID, (Long) null)
                        .set(PROVIDER_EVENT_SEEN.EVENT_KEY, (String) null)
                        .set(PROVIDER_EVENT_SEEN.SEEN_AT, (java.time.OffsetDateTime) null)
                        .onConflictDoNothing());
        for (String k : keys) {
            batch.bind(connection.value(), tenant.value(), k, Times.toDb(at));
        }
        int[] counts = batch.execute();
        Set<String> fresh = new LinkedHashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            // 0: another sync of this connection noted it meanwhile; a driver that cannot say (-2) means inserted.
            if (i >= counts.length || counts[i] != 0) {
                fresh.add(keys.get(i));
            }
        }
        return fresh;
    }

    private static SyncState state(ProviderSyncRecord r) {
        return new SyncState(
                new TenantId(r.getTenantId()),
                new ConnectionId(r.getConnectionId()),
                r.getActivityCursor(),
                Optional.ofNullable(r.getLastSyncAt()).map(Times::fromDb),
                Optional.ofNullable(r.getLastSuccessAt()).map(Times::fromDb),
                Optional.ofNullable(r.getNextSyncAt()).map(Times::fromDb),
                Optional.ofNullable(r.getLastError()),
                r.getFailures(),
                r.getEventsRecorded());
    }
}
