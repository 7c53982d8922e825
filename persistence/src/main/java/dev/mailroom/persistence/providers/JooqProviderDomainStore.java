package dev.mailroom.persistence.providers;

import static dev.mailroom.persistence.jooq.Tables.PROVIDER_DOMAIN;
import static dev.mailroom.persistence.jooq.Tables.PROVIDER_DOMAIN_RECORD;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.domains.DomainId;
import dev.mailroom.model.domains.ProvidedRecords;
import dev.mailroom.model.domains.RecordKind;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.providers.ProviderDomainLink;
import dev.mailroom.model.providers.ProviderDomainStore;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.persistence.jooq.tables.records.ProviderDomainRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;

/** Sending domains linked to a provider's domain, with the provider's records; every query takes the tenant. */
public final class JooqProviderDomainStore implements ProviderDomainStore {
    private final JooqTransactions tx;

    public JooqProviderDomainStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void link(
            TenantId tenant,
            DomainId domain,
            ConnectionId connection,
            ConnectionKind provider,
            String providerDomainId,
            String providerDomainName,
            Instant at) {
        tx.dsl()
                .insertInto(PROVIDER_DOMAIN)
                .set(PROVIDER_DOMAIN.TENANT_ID, tenant.value())
                .set(PROVIDER_DOMAIN.DOMAIN_ID, domain.value())
                .set(PROVIDER_DOMAIN.CONNECTION_ID, connection.value())
                .set(PROVIDER_DOMAIN.PROVIDER, provider.name())
                .set(PROVIDER_DOMAIN.PROVIDER_DOMAIN_ID, providerDomainId)
                .set(PROVIDER_DOMAIN.PROVIDER_DOMAIN_NAME, providerDomainName)
                .set(PROVIDER_DOMAIN.CREATED_AT, Times.toDb(at))
                .execute();
    }

    @Override
    public Optional<ProviderDomainLink> byDomain(TenantId tenant, DomainId domain) {
        return one(tenant, PROVIDER_DOMAIN.DOMAIN_ID.eq(domain.value()));
    }

    @Override
    public Optional<ProviderDomainLink> byProviderId(
            TenantId tenant, ConnectionKind provider, String providerDomainId) {
        return one(
                tenant,
                PROVIDER_DOMAIN
                        .PROVIDER
                        .eq(provider.name())
                        .and(PROVIDER_DOMAIN.PROVIDER_DOMAIN_ID.eq(providerDomainId)));
    }

    @Override
    public List<ProviderDomainLink> list(TenantId tenant) {
        return tx.dsl()
                .selectFrom(PROVIDER_DOMAIN)
                .where(PROVIDER_DOMAIN.TENANT_ID.eq(tenant.value()))
                .orderBy(PROVIDER_DOMAIN.ID)
                .fetch()
                .map(this::link);
    }

    @Override
    public void saveRecords(TenantId tenant, DomainId domain, List<ProvidedRecords.Entry> records, Instant at) {
        Optional<Long> id = tx.dsl()
                .select(PROVIDER_DOMAIN.ID)
                .from(PROVIDER_DOMAIN)
                .where(PROVIDER_DOMAIN.TENANT_ID.eq(tenant.value()))
                .and(PROVIDER_DOMAIN.DOMAIN_ID.eq(domain.value()))
                .fetchOptional(PROVIDER_DOMAIN.ID);
        if (id.isEmpty()) {
            return;
        }
        tx.dsl()
                .deleteFrom(PROVIDER_DOMAIN_RECORD)
                .where(PROVIDER_DOMAIN_RECORD.TENANT_ID.eq(tenant.value()))
                .and(PROVIDER_DOMAIN_RECORD.LINK_ID.eq(id.get()))
                .execute();
        int seq = 0;
        for (ProvidedRecords.Entry e : records) {
            tx.dsl()
                    .insertInto(PROVIDER_DOMAIN_RECORD)
                    .set(PROVIDER_DOMAIN_RECORD.TENANT_ID, tenant.value())
                    .set(PROVIDER_DOMAIN_RECORD.LINK_ID, id.get())
                    .set(PROVIDER_DOMAIN_RECORD.SEQ, seq++)
                    .set(PROVIDER_DOMAIN_RECORD.KIND, e.kind().name())
                    .set(PROVIDER_DOMAIN_RECORD.HOST, e.host())
                    .set(PROVIDER_DOMAIN_RECORD.RECORD_TYPE, e.type().name())
                    .set(PROVIDER_DOMAIN_RECORD.RECORD_VALUE, e.value())
                    .set(PROVIDER_DOMAIN_RECORD.VERIFIED, e.verified().orElse(null))
                    .execute();
        }
        tx.dsl()
                .update(PROVIDER_DOMAIN)
                .set(PROVIDER_DOMAIN.RECORDS_AT, Times.toDb(at))
                .where(PROVIDER_DOMAIN.ID.eq(id.get()))
                .execute();
    }

    @Override
    public void saveStatus(TenantId tenant, DomainId domain, boolean verified, String words, Instant at) {
        tx.dsl()
                .update(PROVIDER_DOMAIN)
                .set(PROVIDER_DOMAIN.VERIFIED, verified)
                .set(PROVIDER_DOMAIN.STATUS_WORDS, words.length() > 1000 ? words.substring(0, 999) + "…" : words)
                .set(PROVIDER_DOMAIN.CHECKED_AT, Times.toDb(at))
                .where(PROVIDER_DOMAIN.TENANT_ID.eq(tenant.value()))
                .and(PROVIDER_DOMAIN.DOMAIN_ID.eq(domain.value()))
                .execute();
    }

    private Optional<ProviderDomainLink> one(TenantId tenant, Condition c) {
        return tx.dsl()
                .selectFrom(PROVIDER_DOMAIN)
                .where(PROVIDER_DOMAIN.TENANT_ID.eq(tenant.value()))
                .and(c)
                .orderBy(PROVIDER_DOMAIN.ID)
                .limit(1)
                .fetchOptional()
                .map(this::link);
    }

    private ProviderDomainLink link(ProviderDomainRecord r) {
        List<ProvidedRecords.Entry> records = tx.dsl()
                .selectFrom(PROVIDER_DOMAIN_RECORD)
                .where(PROVIDER_DOMAIN_RECORD.TENANT_ID.eq(r.getTenantId()))
                .and(PROVIDER_DOMAIN_RECORD.LINK_ID.eq(r.getId()))
                .orderBy(PROVIDER_DOMAIN_RECORD.SEQ)
                .fetch(x -> new ProvidedRecords.Entry(
                        RecordKind.valueOf(x.getKind()),
                        x.getHost(),
                        DnsType.valueOf(x.getRecordType()),
                        x.getRecordValue(),
                        Optional.ofNullable(x.getVerified())));
        return new ProviderDomainLink(
                new TenantId(r.getTenantId()),
                new DomainId(r.getDomainId()),
                Optional.ofNullable(r.getConnectionId()).map(ConnectionId::new),
                ConnectionKind.valueOf(r.getProvider()),
                r.getProviderDomainId(),
                r.getProviderDomainName(),
                records,
                Optional.ofNullable(r.getVerified()),
                Optional.ofNullable(r.getStatusWords()),
                Optional.ofNullable(r.getCheckedAt()).map(Times::fromDb),
                Optional.ofNullable(r.getRecordsAt()).map(Times::fromDb),
                Times.fromDb(r.getCreatedAt()));
    }

    @Override
    public boolean unlink(TenantId tenant, DomainId domain) {
        // The link's records go with it (on delete cascade).
        return tx.dsl()
                        .deleteFrom(PROVIDER_DOMAIN)
                        .where(PROVIDER_DOMAIN.TENANT_ID.eq(tenant.value()))
                        .and(PROVIDER_DOMAIN.DOMAIN_ID.eq(domain.value()))
                        .execute()
                > 0;
    }
}
