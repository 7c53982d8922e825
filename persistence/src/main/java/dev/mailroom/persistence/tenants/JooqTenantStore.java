package dev.mailroom.persistence.tenants;

import static dev.mailroom.persistence.jooq.Tables.TENANT;

import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.model.tenants.TenantStatus;
import dev.mailroom.model.tenants.TenantStore;
import dev.mailroom.persistence.jooq.tables.records.TenantRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.impl.DSL;

public final class JooqTenantStore implements TenantStore {
    private final JooqTransactions tx;

    public JooqTenantStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public TenantId insert(TenantDraft d, Instant createdAt) {
        Long id = tx.dsl()
                .insertInto(TENANT)
                .set(TENANT.NAME, d.name())
                .set(TENANT.NAME_KEY, Text.key(d.name()))
                .set(TENANT.ACCENT_COLOR, d.accentColor())
                .set(TENANT.CONTACT_NAME, d.contactName())
                .set(TENANT.CONTACT_EMAIL, d.contactEmail())
                .set(TENANT.OWNERSHIP, d.ownership().name())
                .set(TENANT.PARTNER_ACCESS, d.partnerAccess().name())
                .set(TENANT.STATUS, TenantStatus.ACTIVE.name())
                .set(TENANT.CREATED_AT, Times.toDb(createdAt))
                .returningResult(TENANT.ID)
                .fetchOne(TENANT.ID);
        return new TenantId(id);
    }

    @Override
    public Optional<Tenant> find(TenantId id) {
        return tx.dsl()
                .selectFrom(TENANT)
                .where(TENANT.ID.eq(id.value()))
                .fetchOptional()
                .map(JooqTenantStore::toTenant);
    }

    @Override
    public Optional<Tenant> findByNameKey(String nameKey) {
        return tx.dsl()
                .selectFrom(TENANT)
                .where(TENANT.NAME_KEY.eq(nameKey))
                .fetchOptional()
                .map(JooqTenantStore::toTenant);
    }

    @Override
    public List<Tenant> list(TenantScope scope) {
        Condition visible = scope.all()
                ? DSL.trueCondition()
                : TENANT.ID.in(scope.tenants().stream().map(TenantId::value).toList());
        return tx.dsl()
                .selectFrom(TENANT)
                .where(visible)
                .orderBy(TENANT.NAME_KEY)
                .fetch(JooqTenantStore::toTenant);
    }

    @Override
    public void update(TenantId id, TenantDraft d) {
        tx.dsl()
                .update(TENANT)
                .set(TENANT.NAME, d.name())
                .set(TENANT.NAME_KEY, Text.key(d.name()))
                .set(TENANT.ACCENT_COLOR, d.accentColor())
                .set(TENANT.CONTACT_NAME, d.contactName())
                .set(TENANT.CONTACT_EMAIL, d.contactEmail())
                .set(TENANT.OWNERSHIP, d.ownership().name())
                .set(TENANT.PARTNER_ACCESS, d.partnerAccess().name())
                .where(TENANT.ID.eq(id.value()))
                .execute();
    }

    @Override
    public void setStatus(TenantId id, TenantStatus status, Optional<Instant> archivedAt) {
        tx.dsl()
                .update(TENANT)
                .set(TENANT.STATUS, status.name())
                .set(TENANT.ARCHIVED_AT, archivedAt.map(Times::toDb).orElse(null))
                .where(TENANT.ID.eq(id.value()))
                .execute();
    }

    @Override
    public void delete(TenantId id) {
        // Tenant-owned tables reference tenant(id) with ON DELETE CASCADE, so this removes everything
        // the tenant owned; the audit log keeps no foreign key and survives.
        tx.dsl().deleteFrom(TENANT).where(TENANT.ID.eq(id.value())).execute();
    }

    private static Tenant toTenant(TenantRecord r) {
        return new Tenant(
                new TenantId(r.getId()),
                r.getName(),
                r.getAccentColor(),
                r.getContactName() == null ? "" : r.getContactName(),
                r.getContactEmail() == null ? "" : r.getContactEmail(),
                OwnershipModel.valueOf(r.getOwnership()),
                PartnerAccessPattern.valueOf(r.getPartnerAccess()),
                TenantStatus.valueOf(r.getStatus()),
                Times.fromDb(r.getCreatedAt()),
                Optional.ofNullable(r.getArchivedAt()).map(Times::fromDb));
    }
}
