package dev.mailroom.persistence.dmarc;

import static dev.mailroom.persistence.jooq.Tables.DMARC_REPORT;
import static dev.mailroom.persistence.jooq.Tables.DMARC_ROW;
import static dev.mailroom.persistence.jooq.Tables.SENDING_DOMAIN;

import dev.mailroom.model.activity.CountedName;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.dmarc.AggregateReport;
import dev.mailroom.model.dmarc.DailyAlignment;
import dev.mailroom.model.dmarc.DmarcStore;
import dev.mailroom.model.dmarc.PublishedPolicy;
import dev.mailroom.model.dmarc.ReportRow;
import dev.mailroom.model.dmarc.SourceStats;
import dev.mailroom.persistence.jooq.tables.records.DmarcRowRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** DMARC aggregate reports in {@code dmarc_report} / {@code dmarc_row} (V60). */
public final class JooqDmarcStore implements DmarcStore {
    private static final int INSERT_BATCH = 500;

    private final JooqTransactions tx;

    public JooqDmarcStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<TenantId> ownerOf(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        while (d.contains(".")) {
            Optional<Long> owner = tx.dsl()
                    .select(SENDING_DOMAIN.TENANT_ID)
                    .from(SENDING_DOMAIN)
                    .where(SENDING_DOMAIN.NAME.eq(d))
                    .fetchOptional(SENDING_DOMAIN.TENANT_ID);
            if (owner.isPresent()) {
                return owner.map(TenantId::new);
            }
            d = d.substring(d.indexOf('.') + 1);
        }
        return Optional.empty();
    }

    @Override
    public boolean save(TenantId tenant, AggregateReport r, Instant importedAt, String source) {
        String org = cut(r.reporterOrg().trim(), 255);
        String id = cut(r.reportId().trim(), 255);
        boolean exists = tx.dsl()
                .fetchExists(
                        DMARC_REPORT,
                        DMARC_REPORT
                                .TENANT_ID
                                .eq(tenant.value())
                                .and(DMARC_REPORT.REPORTER_ORG.eq(org))
                                .and(DMARC_REPORT.REPORT_ID.eq(id)));
        if (exists) {
            return false;
        }
        String domain = cut(r.policy().domain(), 253);
        Long reportKey = tx.dsl()
                .insertInto(DMARC_REPORT)
                .set(DMARC_REPORT.TENANT_ID, tenant.value())
                .set(DMARC_REPORT.DOMAIN_NAME, domain)
                .set(DMARC_REPORT.REPORTER_ORG, org)
                .set(DMARC_REPORT.REPORTER_EMAIL, cut(r.reporterEmail(), 320))
                .set(DMARC_REPORT.REPORT_ID, id)
                .set(DMARC_REPORT.BEGIN_AT, Times.toDb(r.begin()))
                .set(DMARC_REPORT.END_AT, Times.toDb(r.end()))
                .set(DMARC_REPORT.POLICY_P, cut(r.policy().p(), 20))
                .set(DMARC_REPORT.POLICY_SP, cut(r.policy().sp(), 20))
                .set(DMARC_REPORT.POLICY_PCT, r.policy().pct())
                .set(DMARC_REPORT.ADKIM, cut(r.policy().adkim(), 4))
                .set(DMARC_REPORT.ASPF, cut(r.policy().aspf(), 4))
                .set(DMARC_REPORT.MESSAGES, r.messages())
                .set(DMARC_REPORT.SOURCE, cut(source, 500))
                .set(DMARC_REPORT.IMPORTED_AT, Times.toDb(importedAt))
                .returningResult(DMARC_REPORT.ID)
                .fetchOne(DMARC_REPORT.ID);
        List<DmarcRowRecord> batch = new ArrayList<>();
        for (ReportRow row : r.rows()) {
            DmarcRowRecord rec = tx.dsl().newRecord(DMARC_ROW);
            rec.setTenantId(tenant.value());
            rec.setReportId(reportKey);
            rec.setDomainName(domain);
            rec.setBeginAt(Times.toDb(r.begin()));
            rec.setSourceIp(cut(row.sourceIp(), 45));
            rec.setMessages(row.count());
            rec.setDisposition(cut(row.disposition(), 20));
            rec.setDkimAligned(row.dkimAligned());
            rec.setSpfAligned(row.spfAligned());
            rec.setHeaderFrom(cut(row.headerFrom(), 253));
            rec.setEnvelopeFrom(cut(row.envelopeFrom(), 253));
            rec.setDkimDomains(cut(row.dkimDomains(), 1000));
            rec.setSpfDomain(cut(row.spfDomain(), 253));
            batch.add(rec);
            if (batch.size() == INSERT_BATCH) {
                tx.dsl().batchInsert(batch).execute();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            tx.dsl().batchInsert(batch).execute();
        }
        return true;
    }

    @Override
    public List<String> domains(TenantId tenant) {
        return tx.dsl()
                .selectDistinct(DMARC_REPORT.DOMAIN_NAME)
                .from(DMARC_REPORT)
                .where(DMARC_REPORT.TENANT_ID.eq(tenant.value()))
                .orderBy(DMARC_REPORT.DOMAIN_NAME)
                .fetch(DMARC_REPORT.DOMAIN_NAME);
    }

    private static Condition rows(TenantId tenant, String domain, Instant from, Instant to) {
        return DMARC_ROW
                .TENANT_ID
                .eq(tenant.value())
                .and(DMARC_ROW.DOMAIN_NAME.eq(domain))
                .and(DMARC_ROW.BEGIN_AT.ge(Times.toDb(from)))
                .and(DMARC_ROW.BEGIN_AT.lt(Times.toDb(to)));
    }

    private static Condition reports(TenantId tenant, String domain, Instant from, Instant to) {
        return DMARC_REPORT
                .TENANT_ID
                .eq(tenant.value())
                .and(DMARC_REPORT.DOMAIN_NAME.eq(domain))
                .and(DMARC_REPORT.BEGIN_AT.ge(Times.toDb(from)))
                .and(DMARC_REPORT.BEGIN_AT.lt(Times.toDb(to)));
    }

    private static Field<BigDecimal> sumWhen(Condition c) {
        return DSL.sum(DSL.when(c, DMARC_ROW.MESSAGES).otherwise(0L));
    }

    @Override
    public List<SourceStats> sources(TenantId tenant, String domain, Instant from, Instant to, int limit) {
        Field<BigDecimal> total = DSL.sum(DMARC_ROW.MESSAGES);
        Field<BigDecimal> pass = sumWhen(DMARC_ROW.DKIM_ALIGNED.isTrue().or(DMARC_ROW.SPF_ALIGNED.isTrue()));
        Field<BigDecimal> dkim = sumWhen(DMARC_ROW.DKIM_ALIGNED.isTrue());
        Field<BigDecimal> spf = sumWhen(DMARC_ROW.SPF_ALIGNED.isTrue());
        Field<BigDecimal> quarantined = sumWhen(DMARC_ROW.DISPOSITION.eq("quarantine"));
        Field<BigDecimal> rejected = sumWhen(DMARC_ROW.DISPOSITION.eq("reject"));
        Field<Integer> reporters = DSL.countDistinct(DMARC_REPORT.REPORTER_ORG);
        return tx.dsl()
                .select(DMARC_ROW.SOURCE_IP, total, pass, dkim, spf, quarantined, rejected, reporters)
                .from(DMARC_ROW)
                .join(DMARC_REPORT)
                .on(DMARC_REPORT.ID.eq(DMARC_ROW.REPORT_ID))
                .where(rows(tenant, domain, from, to))
                .groupBy(DMARC_ROW.SOURCE_IP)
                .orderBy(total.desc(), DMARC_ROW.SOURCE_IP)
                .limit(limit)
                .fetch(r -> new SourceStats(
                        r.value1(),
                        n(r.value2()),
                        n(r.value3()),
                        n(r.value4()),
                        n(r.value5()),
                        n(r.value6()),
                        n(r.value7()),
                        r.value8()));
    }

    @Override
    public List<DailyAlignment> trend(TenantId tenant, String domain, Instant from, Instant to) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        Field<BigDecimal> total = DSL.sum(DMARC_ROW.MESSAGES);
        Field<BigDecimal> pass = sumWhen(DMARC_ROW.DKIM_ALIGNED.isTrue().or(DMARC_ROW.SPF_ALIGNED.isTrue()));
        tx.dsl()
                .select(DMARC_ROW.BEGIN_AT, total, pass)
                .from(DMARC_ROW)
                .where(rows(tenant, domain, from, to))
                .groupBy(DMARC_ROW.BEGIN_AT)
                .fetch()
                .forEach(r -> {
                    LocalDate day = LocalDate.ofInstant(Times.fromDb(r.value1()), ZoneOffset.UTC);
                    long[] v = days.computeIfAbsent(day, k -> new long[2]);
                    v[0] += n(r.value2());
                    v[1] += n(r.value3());
                });
        List<DailyAlignment> out = new ArrayList<>();
        days.forEach((d, v) -> out.add(new DailyAlignment(d, v[0], v[1])));
        return out;
    }

    @Override
    public List<CountedName> reporters(TenantId tenant, String domain, Instant from, Instant to) {
        Field<BigDecimal> total = DSL.sum(DMARC_REPORT.MESSAGES);
        return tx.dsl()
                .select(DMARC_REPORT.REPORTER_ORG, total)
                .from(DMARC_REPORT)
                .where(reports(tenant, domain, from, to))
                .groupBy(DMARC_REPORT.REPORTER_ORG)
                .orderBy(total.desc(), DMARC_REPORT.REPORTER_ORG)
                .fetch(r -> new CountedName(r.value1().isBlank() ? "(unnamed reporter)" : r.value1(), n(r.value2())));
    }

    @Override
    public Optional<PublishedPolicy> latestPolicy(TenantId tenant, String domain) {
        return tx.dsl()
                .selectFrom(DMARC_REPORT)
                .where(DMARC_REPORT.TENANT_ID.eq(tenant.value()).and(DMARC_REPORT.DOMAIN_NAME.eq(domain)))
                .orderBy(DMARC_REPORT.BEGIN_AT.desc(), DMARC_REPORT.ID.desc())
                .limit(1)
                .fetchOptional(r -> new PublishedPolicy(
                        r.getDomainName(),
                        r.getPolicyP(),
                        r.getPolicySp(),
                        r.getPolicyPct(),
                        r.getAdkim(),
                        r.getAspf()));
    }

    @Override
    public Optional<String> reportAddress(TenantId tenant, String domain) {
        return tx.dsl()
                .select(SENDING_DOMAIN.DMARC_RUA)
                .from(SENDING_DOMAIN)
                .where(SENDING_DOMAIN.TENANT_ID.eq(tenant.value()).and(SENDING_DOMAIN.NAME.eq(domain)))
                .fetchOptional(SENDING_DOMAIN.DMARC_RUA)
                .filter(v -> v != null && !v.isBlank());
    }

    @Override
    public int daysReported(TenantId tenant, String domain, Instant from, Instant to) {
        TreeSet<LocalDate> days = new TreeSet<>();
        tx.dsl()
                .selectDistinct(DMARC_REPORT.BEGIN_AT)
                .from(DMARC_REPORT)
                .where(reports(tenant, domain, from, to))
                .fetch(DMARC_REPORT.BEGIN_AT)
                .forEach(t -> days.add(LocalDate.ofInstant(Times.fromDb(t), ZoneOffset.UTC)));
        return days.size();
    }

    private static long n(BigDecimal v) {
        return v == null ? 0 : v.longValue();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
