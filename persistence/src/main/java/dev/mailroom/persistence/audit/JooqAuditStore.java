package dev.mailroom.persistence.audit;

import static dev.mailroom.persistence.jooq.Tables.AUDIT_ENTRY;
import static dev.mailroom.persistence.jooq.Tables.AUDIT_HEAD;

import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.audit.AuditQuery;
import dev.mailroom.model.audit.AuditStore;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.UserId;
import dev.mailroom.persistence.jooq.tables.records.AuditEntryRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

public final class JooqAuditStore implements AuditStore {
    private final JooqTransactions tx;

    public JooqAuditStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<String> lockHead() {
        return Optional.ofNullable(tx.dsl()
                .select(AUDIT_HEAD.LAST_HASH)
                .from(AUDIT_HEAD)
                .where(AUDIT_HEAD.ID.eq(1))
                .forUpdate()
                .fetchOne(AUDIT_HEAD.LAST_HASH));
    }

    @Override
    public void append(AuditEntry e) {
        tx.dsl()
                .insertInto(AUDIT_ENTRY)
                .set(AUDIT_ENTRY.AT, Times.toDb(e.at()))
                .set(AUDIT_ENTRY.TENANT_ID, e.tenant().map(TenantId::value).orElse(null))
                .set(AUDIT_ENTRY.TENANT_NAME, e.tenantName().orElse(null))
                .set(AUDIT_ENTRY.ACTOR_ID, e.actorId().map(UserId::value).orElse(null))
                .set(AUDIT_ENTRY.ACTOR_NAME, e.actorName())
                .set(
                        AUDIT_ENTRY.IMPERSONATOR_ID,
                        e.impersonatorId().map(UserId::value).orElse(null))
                .set(AUDIT_ENTRY.IMPERSONATOR_NAME, e.impersonatorName().orElse(null))
                .set(AUDIT_ENTRY.ACTION, e.action())
                .set(AUDIT_ENTRY.TARGET, e.target())
                .set(AUDIT_ENTRY.DETAILS, e.details())
                .set(AUDIT_ENTRY.PREV_HASH, e.previousHash().orElse(null))
                .set(AUDIT_ENTRY.HASH, e.hash())
                .execute();
        tx.dsl()
                .update(AUDIT_HEAD)
                .set(AUDIT_HEAD.LAST_HASH, e.hash())
                .where(AUDIT_HEAD.ID.eq(1))
                .execute();
    }

    @Override
    public void appendAll(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        DSLContext dsl = tx.dsl();
        // Executed in order, so ids follow the chain as verification reads it.
        var batch = dsl.batch(dsl.insertInto(
                        AUDIT_ENTRY,
                        AUDIT_ENTRY.AT,
                        AUDIT_ENTRY.TENANT_ID,
                        AUDIT_ENTRY.TENANT_NAME,
                        AUDIT_ENTRY.ACTOR_ID,
                        AUDIT_ENTRY.ACTOR_NAME,
                        AUDIT_ENTRY.IMPERSONATOR_ID,
                        AUDIT_ENTRY.IMPERSONATOR_NAME,
                        AUDIT_ENTRY.ACTION,
                        AUDIT_ENTRY.TARGET,
                        AUDIT_ENTRY.DETAILS,
                        AUDIT_ENTRY.PREV_HASH,
                        AUDIT_ENTRY.HASH)
                .values(Collections.nCopies(12, null)));
        for (AuditEntry e : entries) {
            batch.bind(
                    Times.toDb(e.at()),
                    e.tenant().map(TenantId::value).orElse(null),
                    e.tenantName().orElse(null),
                    e.actorId().map(UserId::value).orElse(null),
                    e.actorName(),
                    e.impersonatorId().map(UserId::value).orElse(null),
                    e.impersonatorName().orElse(null),
                    e.action(),
                    e.target(),
                    e.details(),
                    e.previousHash().orElse(null),
                    e.hash());
        }
        batch.execute();
        dsl.update(AUDIT_HEAD)
                .set(AUDIT_HEAD.LAST_HASH, entries.get(entries.size() - 1).hash())
                .where(AUDIT_HEAD.ID.eq(1))
                .execute();
    }

    @Override
    public List<AuditEntry> search(AuditQuery q, TenantScope scope) {
        List<Condition> where = new ArrayList<>();
        if (!scope.all()) {
            where.add(AUDIT_ENTRY.TENANT_ID.in(
                    scope.tenants().stream().map(TenantId::value).toList()));
        }
        q.tenant().ifPresent(t -> where.add(AUDIT_ENTRY.TENANT_ID.eq(t.value())));
        q.person()
                .filter(p -> !p.isBlank())
                .map(p -> "%" + escapeLike(p.strip().toLowerCase()) + "%")
                .ifPresent(p -> where.add(DSL.lower(AUDIT_ENTRY.ACTOR_NAME)
                        .like(p, '!')
                        .or(DSL.lower(AUDIT_ENTRY.IMPERSONATOR_NAME).like(p, '!'))));
        q.action()
                .filter(a -> !a.isBlank())
                .ifPresent(a -> where.add(AUDIT_ENTRY.ACTION.like(escapeLike(a.strip()) + "%", '!')));
        q.from().ifPresent(f -> where.add(AUDIT_ENTRY.AT.ge(Times.toDb(f))));
        q.to().ifPresent(t -> where.add(AUDIT_ENTRY.AT.lt(Times.toDb(t))));
        return tx.dsl()
                .selectFrom(AUDIT_ENTRY)
                .where(where)
                .orderBy(AUDIT_ENTRY.ID.desc())
                .limit(q.limit())
                .fetch(JooqAuditStore::toEntry);
    }

    private static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    @Override
    public List<AuditEntry> all() {
        return tx.dsl().selectFrom(AUDIT_ENTRY).orderBy(AUDIT_ENTRY.ID).fetch(JooqAuditStore::toEntry);
    }

    static AuditEntry toEntry(AuditEntryRecord r) {
        return new AuditEntry(
                r.getId(),
                Times.fromDb(r.getAt()),
                Optional.ofNullable(r.getTenantId()).map(TenantId::new),
                Optional.ofNullable(r.getTenantName()),
                Optional.ofNullable(r.getActorId()).map(UserId::new),
                r.getActorName(),
                Optional.ofNullable(r.getImpersonatorId()).map(UserId::new),
                Optional.ofNullable(r.getImpersonatorName()),
                r.getAction(),
                r.getTarget() == null ? "" : r.getTarget(),
                r.getDetails() == null ? "" : r.getDetails(),
                Optional.ofNullable(r.getPrevHash()),
                r.getHash());
    }
}
