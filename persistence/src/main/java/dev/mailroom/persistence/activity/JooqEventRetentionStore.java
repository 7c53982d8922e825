package dev.mailroom.persistence.activity;

import static dev.mailroom.persistence.jooq.Tables.AGENCY;
import static dev.mailroom.persistence.jooq.Tables.EVENT;

import dev.mailroom.model.activity.EventRetentionService;
import dev.mailroom.model.activity.EventRetentionStore;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.time.Instant;

/** The retention setting (a column of the agency row) and the chunked delete of old raw events. */
public final class JooqEventRetentionStore implements EventRetentionStore {
    private final JooqTransactions tx;

    public JooqEventRetentionStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public int retentionDays() {
        return tx.dsl()
                .select(AGENCY.EVENT_RETENTION_DAYS)
                .from(AGENCY)
                .where(AGENCY.ID.eq(1))
                .fetchOptional()
                .map(r -> r.value1())
                .orElse(EventRetentionService.DEFAULT_DAYS);
    }

    @Override
    public void setRetentionDays(int days) {
        tx.dsl()
                .update(AGENCY)
                .set(AGENCY.EVENT_RETENTION_DAYS, days)
                .where(AGENCY.ID.eq(1))
                .execute();
    }

    /**
     * One chunk: the ids first (found through the index that starts with the tenant), then the rows.
     * A bounded delete keeps each transaction and its undo log small on both databases.
     */
    @Override
    public int deleteRawBefore(TenantId tenant, Instant cutoff, int limit) {
        var dsl = tx.dsl();
        return dsl.deleteFrom(EVENT)
                .where(EVENT.ID.in(dsl.select(EVENT.ID)
                        .from(EVENT)
                        .where(EVENT.TENANT_ID.eq(tenant.value()))
                        .and(EVENT.AT.lt(Times.toDb(cutoff)))
                        .limit(limit)))
                .execute();
    }
}
