package dev.mailroom.persistence.onboarding;

import static dev.mailroom.persistence.jooq.Tables.CONNECTION_TEST;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.ConnectionTests;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.time.Instant;
import java.util.Optional;

/** The last "Test connection" result per connection (a removed connection's row goes with it). */
public final class JooqConnectionTests implements ConnectionTests {
    private final JooqTransactions tx;

    public JooqConnectionTests(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void record(TenantId tenant, ConnectionId connection, boolean ok, String summary, Instant at) {
        String s = summary.length() > 1000 ? summary.substring(0, 1000) : summary;
        tx.dsl()
                .insertInto(CONNECTION_TEST)
                .set(CONNECTION_TEST.TENANT_ID, tenant.value())
                .set(CONNECTION_TEST.CONNECTION_ID, connection.value())
                .set(CONNECTION_TEST.OK, ok)
                .set(CONNECTION_TEST.SUMMARY, s)
                .set(CONNECTION_TEST.TESTED_AT, Times.toDb(at))
                .onConflict(CONNECTION_TEST.TENANT_ID, CONNECTION_TEST.CONNECTION_ID)
                .doUpdate()
                .set(CONNECTION_TEST.OK, ok)
                .set(CONNECTION_TEST.SUMMARY, s)
                .set(CONNECTION_TEST.TESTED_AT, Times.toDb(at))
                .execute();
    }

    @Override
    public Optional<Result> lastPassed(TenantId tenant) {
        return tx.dsl()
                .selectFrom(CONNECTION_TEST)
                .where(CONNECTION_TEST.TENANT_ID.eq(tenant.value()))
                .and(CONNECTION_TEST.OK.isTrue())
                .orderBy(CONNECTION_TEST.TESTED_AT.desc())
                .limit(1)
                .fetchOptional(r -> new Result(
                        new ConnectionId(r.getConnectionId()), r.getSummary(), Times.fromDb(r.getTestedAt())));
    }
}
