package dev.mailroom.persistence.providers;

import static dev.mailroom.persistence.jooq.Tables.PROVIDER_KEY;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.providers.ProviderKey;
import dev.mailroom.model.providers.ProviderKeyId;
import dev.mailroom.model.providers.ProviderKeyStore;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.persistence.jooq.tables.records.ProviderKeyRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The scoped keys made for each tenant, never their secrets; every query takes the tenant. */
public final class JooqProviderKeyStore implements ProviderKeyStore {
    private final JooqTransactions tx;

    public JooqProviderKeyStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public ProviderKeyId insert(
            TenantId tenant,
            ConnectionId connection,
            ConnectionKind provider,
            String providerKeyId,
            String name,
            Optional<String> domain,
            List<String> scopes,
            Instant createdAt,
            Optional<Instant> rotatedAt) {
        return new ProviderKeyId(tx.dsl()
                .insertInto(PROVIDER_KEY)
                .set(PROVIDER_KEY.TENANT_ID, tenant.value())
                .set(PROVIDER_KEY.CONNECTION_ID, connection.value())
                .set(PROVIDER_KEY.PROVIDER, provider.name())
                .set(PROVIDER_KEY.PROVIDER_KEY_ID, providerKeyId)
                .set(PROVIDER_KEY.NAME, name)
                .set(PROVIDER_KEY.DOMAIN_NAME, domain.orElse(null))
                .set(PROVIDER_KEY.SCOPES, String.join(",", scopes))
                .set(PROVIDER_KEY.STATE, ProviderKey.State.ACTIVE.name())
                .set(PROVIDER_KEY.CREATED_AT, Times.toDb(createdAt))
                .set(PROVIDER_KEY.ROTATED_AT, rotatedAt.map(Times::toDb).orElse(null))
                .returningResult(PROVIDER_KEY.ID)
                .fetchOne(PROVIDER_KEY.ID));
    }

    @Override
    public List<ProviderKey> list(TenantId tenant) {
        return tx.dsl()
                .selectFrom(PROVIDER_KEY)
                .where(PROVIDER_KEY.TENANT_ID.eq(tenant.value()))
                .orderBy(PROVIDER_KEY.ID.desc())
                .fetch(JooqProviderKeyStore::key);
    }

    @Override
    public Optional<ProviderKey> find(TenantId tenant, ProviderKeyId id) {
        return tx.dsl()
                .selectFrom(PROVIDER_KEY)
                .where(PROVIDER_KEY.TENANT_ID.eq(tenant.value()))
                .and(PROVIDER_KEY.ID.eq(id.value()))
                .fetchOptional(JooqProviderKeyStore::key);
    }

    @Override
    public void markRotating(TenantId tenant, ProviderKeyId id, Instant graceEndsAt) {
        tx.dsl()
                .update(PROVIDER_KEY)
                .set(PROVIDER_KEY.STATE, ProviderKey.State.ROTATING.name())
                .set(PROVIDER_KEY.GRACE_ENDS_AT, Times.toDb(graceEndsAt))
                .where(PROVIDER_KEY.TENANT_ID.eq(tenant.value()))
                .and(PROVIDER_KEY.ID.eq(id.value()))
                .and(PROVIDER_KEY.STATE.eq(ProviderKey.State.ACTIVE.name()))
                .execute();
    }

    @Override
    public void markRevoked(TenantId tenant, ProviderKeyId id, Instant at) {
        tx.dsl()
                .update(PROVIDER_KEY)
                .set(PROVIDER_KEY.STATE, ProviderKey.State.REVOKED.name())
                .set(PROVIDER_KEY.REVOKED_AT, Times.toDb(at))
                .where(PROVIDER_KEY.TENANT_ID.eq(tenant.value()))
                .and(PROVIDER_KEY.ID.eq(id.value()))
                .and(PROVIDER_KEY.STATE.ne(ProviderKey.State.REVOKED.name()))
                .execute();
    }

    private static ProviderKey key(ProviderKeyRecord r) {
        return new ProviderKey(
                new ProviderKeyId(r.getId()),
                new TenantId(r.getTenantId()),
                Optional.ofNullable(r.getConnectionId()).map(ConnectionId::new),
                ConnectionKind.valueOf(r.getProvider()),
                r.getProviderKeyId(),
                r.getName(),
                Optional.ofNullable(r.getDomainName()),
                Arrays.stream(r.getScopes().split(","))
                        .filter(s -> !s.isBlank())
                        .toList(),
                ProviderKey.State.valueOf(r.getState()),
                Times.fromDb(r.getCreatedAt()),
                Optional.ofNullable(r.getRotatedAt()).map(Times::fromDb),
                Optional.ofNullable(r.getGraceEndsAt()).map(Times::fromDb),
                Optional.ofNullable(r.getRevokedAt()).map(Times::fromDb));
    }
}
