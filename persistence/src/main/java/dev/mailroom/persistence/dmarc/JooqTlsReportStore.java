package dev.mailroom.persistence.dmarc;

import static dev.mailroom.persistence.jooq.Tables.TLS_FAILURE;
import static dev.mailroom.persistence.jooq.Tables.TLS_POLICY;
import static dev.mailroom.persistence.jooq.Tables.TLS_REPORT;

import dev.mailroom.model.activity.CountedName;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.dmarc.TlsReport;
import dev.mailroom.model.dmarc.TlsReportStore;
import dev.mailroom.model.dmarc.TlsReporter;
import dev.mailroom.persistence.jooq.tables.records.TlsFailureRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** SMTP TLS reports in {@code tls_report} / {@code tls_policy} / {@code tls_failure} (V100). */
public final class JooqTlsReportStore implements TlsReportStore {
    private final JooqTransactions tx;
    private final JooqDmarcStore owners;

    public JooqTlsReportStore(JooqTransactions tx) {
        this.tx = tx;
        this.owners = new JooqDmarcStore(tx);
    }

    @Override
    public Optional<TenantId> ownerOf(String domain) {
        return owners.ownerOf(domain);
    }

    @Override
    public boolean save(TenantId tenant, TlsReport r, Instant importedAt, String source) {
        String org = cut(r.organisation().trim(), 255);
        String id = cut(r.reportId().trim(), 255);
        boolean exists = tx.dsl()
                .fetchExists(
                        TLS_REPORT,
                        TLS_REPORT
                                .TENANT_ID
                                .eq(tenant.value())
                                .and(TLS_REPORT.ORGANISATION.eq(org))
                                .and(TLS_REPORT.REPORT_ID.eq(id)));
        if (exists) {
            return false;
        }
        Long reportKey = tx.dsl()
                .insertInto(TLS_REPORT)
                .set(TLS_REPORT.TENANT_ID, tenant.value())
                .set(TLS_REPORT.ORGANISATION, org)
                .set(TLS_REPORT.REPORT_ID, id)
                .set(TLS_REPORT.BEGIN_AT, Times.toDb(r.begin()))
                .set(TLS_REPORT.END_AT, Times.toDb(r.end()))
                .set(TLS_REPORT.SOURCE, cut(source, 500))
                .set(TLS_REPORT.IMPORTED_AT, Times.toDb(importedAt))
                .returningResult(TLS_REPORT.ID)
                .fetchOne(TLS_REPORT.ID);
        List<TlsFailureRecord> failures = new ArrayList<>();
        for (TlsReport.Policy p : r.policies()) {
            String domain = cut(p.domain().trim().toLowerCase(Locale.ROOT), 253);
            Long policyKey = tx.dsl()
                    .insertInto(TLS_POLICY)
                    .set(TLS_POLICY.TENANT_ID, tenant.value())
                    .set(TLS_POLICY.REPORT_ID, reportKey)
                    .set(TLS_POLICY.DOMAIN_NAME, domain)
                    .set(TLS_POLICY.POLICY_TYPE, cut(p.type(), 20))
                    .set(TLS_POLICY.BEGIN_AT, Times.toDb(r.begin()))
                    .set(TLS_POLICY.SUCCEEDED, p.succeeded())
                    .set(TLS_POLICY.FAILED, p.failed())
                    .returningResult(TLS_POLICY.ID)
                    .fetchOne(TLS_POLICY.ID);
            for (Map.Entry<String, Long> f : p.failuresByType().entrySet()) {
                TlsFailureRecord rec = tx.dsl().newRecord(TLS_FAILURE);
                rec.setTenantId(tenant.value());
                rec.setPolicyId(policyKey);
                rec.setDomainName(domain);
                rec.setBeginAt(Times.toDb(r.begin()));
                rec.setResultType(cut(f.getKey().isBlank() ? "unknown" : f.getKey(), 64));
                rec.setSessions(f.getValue());
                failures.add(rec);
            }
        }
        if (!failures.isEmpty()) {
            tx.dsl().batchInsert(failures).execute();
        }
        return true;
    }

    @Override
    public List<String> domains(TenantId tenant) {
        return tx.dsl()
                .selectDistinct(TLS_POLICY.DOMAIN_NAME)
                .from(TLS_POLICY)
                .where(TLS_POLICY.TENANT_ID.eq(tenant.value()))
                .orderBy(TLS_POLICY.DOMAIN_NAME)
                .fetch(TLS_POLICY.DOMAIN_NAME);
    }

    @Override
    public List<CountedName> failures(TenantId tenant, String domain, Instant from, Instant to) {
        Field<BigDecimal> total = DSL.sum(TLS_FAILURE.SESSIONS);
        return tx.dsl()
                .select(TLS_FAILURE.RESULT_TYPE, total)
                .from(TLS_FAILURE)
                .where(TLS_FAILURE
                        .TENANT_ID
                        .eq(tenant.value())
                        .and(TLS_FAILURE.DOMAIN_NAME.eq(domain))
                        .and(TLS_FAILURE.BEGIN_AT.ge(Times.toDb(from)))
                        .and(TLS_FAILURE.BEGIN_AT.lt(Times.toDb(to))))
                .groupBy(TLS_FAILURE.RESULT_TYPE)
                .orderBy(total.desc(), TLS_FAILURE.RESULT_TYPE)
                .fetch(r -> new CountedName(r.value1(), n(r.value2())));
    }

    @Override
    public List<TlsReporter> reporters(TenantId tenant, String domain, Instant from, Instant to) {
        Field<Integer> reports = DSL.countDistinct(TLS_POLICY.REPORT_ID);
        Field<BigDecimal> ok = DSL.sum(TLS_POLICY.SUCCEEDED);
        Field<BigDecimal> failed = DSL.sum(TLS_POLICY.FAILED);
        return tx
                .dsl()
                .select(TLS_REPORT.ORGANISATION, reports, ok, failed)
                .from(TLS_POLICY)
                .join(TLS_REPORT)
                .on(TLS_REPORT.ID.eq(TLS_POLICY.REPORT_ID))
                .where(TLS_POLICY
                        .TENANT_ID
                        .eq(tenant.value())
                        .and(TLS_POLICY.DOMAIN_NAME.eq(domain))
                        .and(TLS_POLICY.BEGIN_AT.ge(Times.toDb(from)))
                        .and(TLS_POLICY.BEGIN_AT.lt(Times.toDb(to))))
                .groupBy(TLS_REPORT.ORGANISATION)
                .fetch(r -> new TlsReporter(r.value1(), r.value2(), n(r.value3()), n(r.value4())))
                .stream()
                .sorted((a, b) -> a.sessions() != b.sessions()
                        ? Long.compare(b.sessions(), a.sessions())
                        : a.organisation().compareTo(b.organisation()))
                .toList();
    }

    @Override
    public Optional<String> latestPolicyType(TenantId tenant, String domain) {
        return tx.dsl()
                .select(TLS_POLICY.POLICY_TYPE)
                .from(TLS_POLICY)
                .where(TLS_POLICY.TENANT_ID.eq(tenant.value()).and(TLS_POLICY.DOMAIN_NAME.eq(domain)))
                .orderBy(TLS_POLICY.BEGIN_AT.desc(), TLS_POLICY.ID.desc())
                .limit(1)
                .fetchOptional(TLS_POLICY.POLICY_TYPE)
                .filter(t -> !t.isBlank());
    }

    private static long n(BigDecimal v) {
        return v == null ? 0 : v.longValue();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
