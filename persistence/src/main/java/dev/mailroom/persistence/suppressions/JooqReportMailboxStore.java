package dev.mailroom.persistence.suppressions;

import static dev.mailroom.persistence.jooq.Tables.REPORT_MAILBOX;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.suppressions.ImapSecurity;
import dev.mailroom.model.suppressions.ReportMailbox;
import dev.mailroom.model.suppressions.ReportMailboxStore;
import dev.mailroom.persistence.jooq.tables.records.ReportMailboxRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jooq.Condition;

/** Report mailbox settings; the agency's is the row without a tenant. The password arrives sealed. */
public final class JooqReportMailboxStore implements ReportMailboxStore {
    private final JooqTransactions tx;

    public JooqReportMailboxStore(JooqTransactions tx) {
        this.tx = tx;
    }

    private static Condition scope(Optional<TenantId> tenant) {
        return tenant.map(t -> REPORT_MAILBOX.TENANT_ID.eq(t.value())).orElse(REPORT_MAILBOX.TENANT_ID.isNull());
    }

    private Optional<ReportMailboxRecord> row(Optional<TenantId> tenant) {
        return tx.dsl()
                .selectFrom(REPORT_MAILBOX)
                .where(scope(tenant))
                .orderBy(REPORT_MAILBOX.ID)
                .limit(1)
                .fetchOptional();
    }

    @Override
    public Optional<ReportMailbox> find(Optional<TenantId> tenant) {
        return row(tenant)
                .map(r -> new ReportMailbox(
                        Optional.ofNullable(r.getTenantId()).map(TenantId::new),
                        r.getHost(),
                        r.getPort(),
                        ImapSecurity.valueOf(r.getSecurity()),
                        r.getUsername(),
                        r.getFolder()));
    }

    @Override
    public Optional<byte[]> sealedPassword(Optional<TenantId> tenant) {
        return row(tenant)
                .map(ReportMailboxRecord::getPasswordSealed)
                .map(s -> Base64.getDecoder().decode(s));
    }

    @Override
    public void save(ReportMailbox m, Optional<byte[]> sealedPassword, Instant at) {
        ReportMailboxRecord r = row(m.tenant()).orElseGet(() -> {
            ReportMailboxRecord fresh = tx.dsl().newRecord(REPORT_MAILBOX);
            fresh.setTenantId(m.tenant().map(TenantId::value).orElse(null));
            return fresh;
        });
        r.setHost(m.host());
        r.setPort(m.port());
        r.setSecurity(m.security().name());
        r.setUsername(m.username());
        r.setFolder(m.folder());
        r.setUpdatedAt(Times.toDb(at));
        sealedPassword.ifPresent(b -> r.setPasswordSealed(Base64.getEncoder().encodeToString(b)));
        r.store();
    }
}
