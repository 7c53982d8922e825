package dev.mailroom.persistence.suppressions;

import static dev.mailroom.persistence.jooq.Tables.SUPPRESSION;
import static dev.mailroom.persistence.jooq.Tables.SUPPRESSION_REMOVAL;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.suppressions.Suppression;
import dev.mailroom.model.suppressions.SuppressionReason;
import dev.mailroom.model.suppressions.SuppressionRemoval;
import dev.mailroom.model.suppressions.SuppressionStore;
import dev.mailroom.persistence.jooq.tables.records.SuppressionRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Row1;
import org.jooq.Table;
import org.jooq.impl.DSL;

public final class JooqSuppressionStore implements SuppressionStore {
    /** Addresses looked up a query (bind values stay far below the drivers' limits). */
    private static final int LOOKUP_CHUNK = 1000;

    private final JooqTransactions tx;

    public JooqSuppressionStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<Suppression> find(TenantId tenant, String domain, String address) {
        return tx.dsl()
                .selectFrom(SUPPRESSION)
                .where(SUPPRESSION.TENANT_ID.eq(tenant.value()))
                .and(SUPPRESSION.DOMAIN_NAME.eq(key(domain)))
                .and(SUPPRESSION.ADDRESS.eq(key(address)))
                .fetchOptional(JooqSuppressionStore::toSuppression);
    }

    /**
     * The addresses are joined as a VALUES table: with {@code address IN (…)} H2 used the key only as far as
     * the domain and read the domain's whole list for every call (a list of a million addresses, read again for
     * each batch the outbox claims or each chunk an import stores).
     */
    @Override
    public Map<String, Suppression> findAll(TenantId tenant, String domain, Collection<String> addresses) {
        Map<String, List<String>> givenByKey = new HashMap<>();
        for (String a : addresses) {
            givenByKey.computeIfAbsent(key(a), k -> new ArrayList<>()).add(a);
        }
        Map<String, Suppression> found = new HashMap<>();
        List<String> keys = new ArrayList<>(givenByKey.keySet());
        for (int from = 0; from < keys.size(); from += LOOKUP_CHUNK) {
            List<Row1<String>> rows = keys.subList(from, Math.min(keys.size(), from + LOOKUP_CHUNK)).stream()
                    .map(k -> DSL.row(DSL.val(k, SUPPRESSION.ADDRESS)))
                    .toList();
            Table<Record1<String>> wanted =
                    DSL.values(rows.toArray(Row1[]::new)).as("wanted", "address");
            Field<String> wantedAddress = wanted.field("address", String.class);
            tx.dsl()
                    .select(SUPPRESSION.fields())
                    .from(wanted)
                    .join(SUPPRESSION)
                    .on(SUPPRESSION.TENANT_ID.eq(tenant.value()))
                    .and(SUPPRESSION.DOMAIN_NAME.eq(key(domain)))
                    .and(SUPPRESSION.ADDRESS.eq(wantedAddress))
                    .fetchInto(SUPPRESSION)
                    .forEach(r -> {
                        Suppression s = toSuppression(r);
                        givenByKey.getOrDefault(r.getAddress(), List.of()).forEach(a -> found.put(a, s));
                    });
        }
        return found;
    }

    @Override
    public void addAll(Collection<Suppression> entries) {
        if (entries.isEmpty()) {
            return;
        }
        DSLContext dsl = tx.dsl();
        var batch = dsl.batch(dsl.insertInto(
                        SUPPRESSION,
                        SUPPRESSION.TENANT_ID,
                        SUPPRESSION.DOMAIN_NAME,
                        SUPPRESSION.ADDRESS,
                        SUPPRESSION.REASON,
                        SUPPRESSION.SINCE_AT,
                        SUPPRESSION.HOLD_UNTIL,
                        SUPPRESSION.NOTE)
                .values((Long) null, null, null, null, null, null, null));
        for (Suppression s : entries) {
            batch.bind(
                    s.tenant().value(),
                    s.domain(),
                    s.address(),
                    s.reason().name(),
                    Times.toDb(s.since()),
                    s.until().map(Times::toDb).orElse(null),
                    s.note());
        }
        batch.execute();
    }

    @Override
    public void put(Suppression s) {
        tx.dsl()
                .insertInto(SUPPRESSION)
                .set(SUPPRESSION.TENANT_ID, s.tenant().value())
                .set(SUPPRESSION.DOMAIN_NAME, s.domain())
                .set(SUPPRESSION.ADDRESS, s.address())
                .set(SUPPRESSION.REASON, s.reason().name())
                .set(SUPPRESSION.SINCE_AT, Times.toDb(s.since()))
                .set(SUPPRESSION.HOLD_UNTIL, s.until().map(Times::toDb).orElse(null))
                .set(SUPPRESSION.NOTE, s.note())
                .onConflict(SUPPRESSION.TENANT_ID, SUPPRESSION.DOMAIN_NAME, SUPPRESSION.ADDRESS)
                .doUpdate()
                .set(SUPPRESSION.REASON, s.reason().name())
                .set(SUPPRESSION.SINCE_AT, Times.toDb(s.since()))
                .set(SUPPRESSION.HOLD_UNTIL, s.until().map(Times::toDb).orElse(null))
                .set(SUPPRESSION.NOTE, s.note())
                .execute();
    }

    @Override
    public boolean remove(TenantId tenant, String domain, String address) {
        return tx.dsl()
                        .deleteFrom(SUPPRESSION)
                        .where(SUPPRESSION.TENANT_ID.eq(tenant.value()))
                        .and(SUPPRESSION.DOMAIN_NAME.eq(key(domain)))
                        .and(SUPPRESSION.ADDRESS.eq(key(address)))
                        .execute()
                == 1;
    }

    @Override
    public List<Suppression> list(TenantId tenant, String domain) {
        return tx.dsl()
                .selectFrom(SUPPRESSION)
                .where(SUPPRESSION.TENANT_ID.eq(tenant.value()))
                .and(SUPPRESSION.DOMAIN_NAME.eq(key(domain)))
                .orderBy(SUPPRESSION.ADDRESS)
                .fetch(JooqSuppressionStore::toSuppression);
    }

    @Override
    public void recordRemoval(SuppressionRemoval r) {
        Suppression s = r.was();
        tx.dsl()
                .insertInto(SUPPRESSION_REMOVAL)
                .set(SUPPRESSION_REMOVAL.TENANT_ID, r.tenant().value())
                .set(SUPPRESSION_REMOVAL.DOMAIN_NAME, s.domain())
                .set(SUPPRESSION_REMOVAL.ADDRESS, s.address())
                .set(SUPPRESSION_REMOVAL.REASON, s.reason().name())
                .set(SUPPRESSION_REMOVAL.SINCE_AT, Times.toDb(s.since()))
                .set(SUPPRESSION_REMOVAL.HOLD_UNTIL, s.until().map(Times::toDb).orElse(null))
                .set(SUPPRESSION_REMOVAL.NOTE, s.note())
                .set(SUPPRESSION_REMOVAL.REMOVED_AT, Times.toDb(r.removedAt()))
                .set(SUPPRESSION_REMOVAL.REMOVED_BY, r.removedBy())
                .set(SUPPRESSION_REMOVAL.WHY, r.why())
                .execute();
    }

    @Override
    public List<SuppressionRemoval> removals(TenantId tenant, String domain) {
        return tx.dsl()
                .selectFrom(SUPPRESSION_REMOVAL)
                .where(SUPPRESSION_REMOVAL.TENANT_ID.eq(tenant.value()))
                .and(SUPPRESSION_REMOVAL.DOMAIN_NAME.eq(key(domain)))
                .orderBy(SUPPRESSION_REMOVAL.REMOVED_AT.desc(), SUPPRESSION_REMOVAL.ID.desc())
                .fetch(r -> new SuppressionRemoval(
                        tenant,
                        new Suppression(
                                tenant,
                                r.getDomainName(),
                                r.getAddress(),
                                SuppressionReason.valueOf(r.getReason()),
                                Times.fromDb(r.getSinceAt()),
                                Optional.ofNullable(r.getHoldUntil()).map(Times::fromDb),
                                r.getNote()),
                        Times.fromDb(r.getRemovedAt()),
                        r.getRemovedBy(),
                        r.getWhy()));
    }

    private static String key(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }

    private static Suppression toSuppression(SuppressionRecord r) {
        return new Suppression(
                new TenantId(r.getTenantId()),
                r.getDomainName(),
                r.getAddress(),
                SuppressionReason.valueOf(r.getReason()),
                Times.fromDb(r.getSinceAt()),
                Optional.ofNullable(r.getHoldUntil()).map(Times::fromDb),
                r.getNote());
    }
}
