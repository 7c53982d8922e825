package dev.mailroom.persistence.dmarc;

import static dev.mailroom.persistence.jooq.Tables.DMARC_DAY;
import static dev.mailroom.persistence.jooq.Tables.DMARC_REPORT;
import static dev.mailroom.persistence.jooq.Tables.DMARC_ROLLUP;
import static dev.mailroom.persistence.jooq.Tables.DMARC_ROW;
import static dev.mailroom.persistence.jooq.Tables.DMARC_SOURCE_TOTAL;
import static dev.mailroom.persistence.jooq.Tables.SENDING_DOMAIN;
import static dev.mailroom.persistence.jooq.Tables.TENANT;

import dev.mailroom.model.activity.CountedName;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.dmarc.AggregateReport;
import dev.mailroom.model.dmarc.DailyAlignment;
import dev.mailroom.model.dmarc.DmarcStore;
import dev.mailroom.model.dmarc.PublishedPolicy;
import dev.mailroom.model.dmarc.ReportRow;
import dev.mailroom.model.dmarc.SourceStats;
import dev.mailroom.persistence.activity.RollupUpsert;
import dev.mailroom.persistence.jooq.tables.records.DmarcRowRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.CloseableResultQuery;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.SelectHavingStep;
import org.jooq.impl.DSL;

/**
 * DMARC aggregate reports in {@code dmarc_report} / {@code dmarc_row} (V60), and the roll-ups the
 * domain page reads (V102, decision 0084): {@code dmarc_rollup} per report begin, source and reporter,
 * {@code dmarc_source_total} per source, {@code dmarc_day} per report begin and reporter. All are kept
 * in the transaction that stores a report.
 */
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
        addToRollups(tenant, domain, org, r);
        return true;
    }

    /**
     * Adds a newly stored report to the page's roll-ups (V102), in the transaction that stored it: a
     * duplicate never gets here, and a report whose storing fails leaves them as they were.
     */
    private void addToRollups(TenantId tenant, String domain, String org, AggregateReport r) {
        DSLContext dsl = tx.dsl();
        RollupUpsert.Mode mode = RollupUpsert.modeFor(dsl);
        if (mode == RollupUpsert.Mode.UPDATE_THEN_INSERT) {
            // H2 has no atomic upsert: imports for the same tenant update its roll-ups one at a time.
            dsl.select(TENANT.ID)
                    .from(TENANT)
                    .where(TENANT.ID.eq(tenant.value()))
                    .forUpdate()
                    .fetch();
        }
        var begin = Times.toDb(r.begin());
        // Per address, in address order (concurrent imports on PostgreSQL take the keys' locks in one order).
        Map<String, long[]> byIp = new TreeMap<>();
        long pass = 0;
        for (ReportRow row : r.rows()) {
            long[] v = byIp.computeIfAbsent(cut(row.sourceIp(), 45), k -> new long[6]);
            long c = row.count();
            v[0] += c;
            v[1] += row.dmarcPass() ? c : 0;
            v[2] += row.dkimAligned() ? c : 0;
            v[3] += row.spfAligned() ? c : 0;
            String disposition = cut(row.disposition(), 20);
            v[4] += disposition.equals("quarantine") ? c : 0;
            v[5] += disposition.equals("reject") ? c : 0;
            pass += row.dmarcPass() ? c : 0;
        }
        List<Object[]> sources = new ArrayList<>();
        List<Object[]> totals = new ArrayList<>();
        byIp.forEach((ip, v) -> {
            sources.add(new Object[] {tenant.value(), domain, ip, begin, org, v[0], v[1], v[2], v[3], v[4], v[5]});
            totals.add(new Object[] {tenant.value(), domain, ip, v[0]});
        });
        RollupUpsert.apply(
                dsl,
                mode,
                DMARC_ROLLUP,
                List.of(
                        DMARC_ROLLUP.TENANT_ID,
                        DMARC_ROLLUP.DOMAIN_NAME,
                        DMARC_ROLLUP.SOURCE_IP,
                        DMARC_ROLLUP.BEGIN_AT,
                        DMARC_ROLLUP.REPORTER_ORG),
                List.of(),
                List.of(
                        DMARC_ROLLUP.MESSAGES,
                        DMARC_ROLLUP.DMARC_PASS,
                        DMARC_ROLLUP.DKIM_ALIGNED,
                        DMARC_ROLLUP.SPF_ALIGNED,
                        DMARC_ROLLUP.QUARANTINED,
                        DMARC_ROLLUP.REJECTED),
                sources,
                x -> false);
        RollupUpsert.apply(
                dsl,
                mode,
                DMARC_SOURCE_TOTAL,
                List.of(DMARC_SOURCE_TOTAL.TENANT_ID, DMARC_SOURCE_TOTAL.DOMAIN_NAME, DMARC_SOURCE_TOTAL.SOURCE_IP),
                List.of(),
                List.of(DMARC_SOURCE_TOTAL.MESSAGES),
                totals,
                x -> false);
        List<Object[]> day = new ArrayList<>();
        day.add(new Object[] {
            tenant.value(), domain, begin, org, 1L, (long) r.rows().size(), r.messages(), pass
        });
        RollupUpsert.apply(
                dsl,
                mode,
                DMARC_DAY,
                List.of(DMARC_DAY.TENANT_ID, DMARC_DAY.DOMAIN_NAME, DMARC_DAY.BEGIN_AT, DMARC_DAY.REPORTER_ORG),
                List.of(),
                List.of(DMARC_DAY.REPORTS, DMARC_DAY.ROW_COUNT, DMARC_DAY.MESSAGES, DMARC_DAY.DMARC_PASS),
                day,
                x -> false);
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

    private static Condition rollup(TenantId tenant, String domain, Instant from, Instant to) {
        return DMARC_ROLLUP
                .TENANT_ID
                .eq(tenant.value())
                .and(DMARC_ROLLUP.DOMAIN_NAME.eq(domain))
                .and(DMARC_ROLLUP.BEGIN_AT.ge(Times.toDb(from)))
                .and(DMARC_ROLLUP.BEGIN_AT.lt(Times.toDb(to)));
    }

    private static Condition days(TenantId tenant, String domain, Instant from, Instant to) {
        return DMARC_DAY
                .TENANT_ID
                .eq(tenant.value())
                .and(DMARC_DAY.DOMAIN_NAME.eq(domain))
                .and(DMARC_DAY.BEGIN_AT.ge(Times.toDb(from)))
                .and(DMARC_DAY.BEGIN_AT.lt(Times.toDb(to)));
    }

    private static Condition totals(TenantId tenant, String domain) {
        return DMARC_SOURCE_TOTAL.TENANT_ID.eq(tenant.value()).and(DMARC_SOURCE_TOTAL.DOMAIN_NAME.eq(domain));
    }

    /**
     * The top {@code limit} sources of the period, most messages first (ties by address). Summing the
     * whole period's roll-up costs as much as the period has (day, address, reporter) entries, most of
     * them forwarders and spoofers with a message or two. So: take the {@code limit} addresses with the
     * most messages ever (dmarc_source_total), sum their period; the smallest of those sums, L, is at
     * most the period's real {@code limit}-th. Only an address with at least L messages ever can reach
     * the list; when those are the ones already summed (or a few more), the list is made from them.
     * Otherwise (L is 0, or many addresses reach L) the whole period is summed.
     */
    @Override
    public List<SourceStats> sources(TenantId tenant, String domain, Instant from, Instant to, int limit) {
        Condition period = rollup(tenant, domain, from, to);
        List<String> top = tx.dsl()
                .select(DMARC_SOURCE_TOTAL.SOURCE_IP)
                .from(DMARC_SOURCE_TOTAL)
                .where(totals(tenant, domain))
                // All three columns of dmarc_source_total_volume, so that H2 reads `limit` entries of it in order.
                .orderBy(
                        DMARC_SOURCE_TOTAL.TENANT_ID,
                        DMARC_SOURCE_TOTAL.DOMAIN_NAME,
                        DMARC_SOURCE_TOTAL.MESSAGES.desc())
                .limit(limit)
                .fetch(DMARC_SOURCE_TOTAL.SOURCE_IP);
        if (top.size() < limit) {
            return sourceStats(period, limit); // every address the domain has fits the list
        }
        List<SourceStats> found = new ArrayList<>(sumEach(period, top));
        found.sort(BY_MESSAGES);
        long bound = found.size() < limit ? 0 : found.get(limit - 1).messages();
        if (bound <= 0) {
            return sourceStats(period, limit);
        }
        List<String> candidates = tx.dsl()
                .select(DMARC_SOURCE_TOTAL.SOURCE_IP)
                .from(DMARC_SOURCE_TOTAL)
                .where(totals(tenant, domain).and(DMARC_SOURCE_TOTAL.MESSAGES.ge(bound)))
                .limit(limit * EXTRA_CANDIDATES + 1)
                .fetch(DMARC_SOURCE_TOTAL.SOURCE_IP);
        if (candidates.size() > limit * EXTRA_CANDIDATES) {
            return sourceStats(period, limit);
        }
        Set<String> summed = new HashSet<>(top);
        found.addAll(sumEach(period, candidates.stream().filter(summed::add).toList()));
        found.sort(BY_MESSAGES);
        return List.copyOf(found.subList(0, Math.min(limit, found.size())));
    }

    /** The page's order: most messages first, then by address. */
    private static final Comparator<SourceStats> BY_MESSAGES =
            Comparator.comparingLong(SourceStats::messages).reversed().thenComparing(SourceStats::sourceIp);

    /**
     * Up to this many times the list's length of addresses are summed one by one (an index seek each,
     * answered from dmarc_rollup_source alone); more, and the period is summed whole.
     */
    static final int EXTRA_CANDIDATES = 10;

    /**
     * Each address's period, one index seek each through one prepared statement (rendered and
     * parsed once); addresses without mail in the period are left out.
     */
    private List<SourceStats> sumEach(Condition period, List<String> ips) {
        List<SourceStats> out = new ArrayList<>();
        if (ips.isEmpty()) {
            return out;
        }
        Param<String> ip = DSL.param("source_ip", String.class);
        try (CloseableResultQuery<Record> query =
                statsQuery(period.and(DMARC_ROLLUP.SOURCE_IP.eq(ip))).keepStatement(true)) {
            for (String each : ips) {
                query.bind("source_ip", each);
                query.fetch().forEach(r -> out.add(stats(r)));
            }
        }
        return out;
    }

    private static final Field<BigDecimal> TOTAL = DSL.sum(DMARC_ROLLUP.MESSAGES);
    private static final List<Field<?>> STATS = List.of(
            DMARC_ROLLUP.SOURCE_IP,
            TOTAL,
            DSL.sum(DMARC_ROLLUP.DMARC_PASS),
            DSL.sum(DMARC_ROLLUP.DKIM_ALIGNED),
            DSL.sum(DMARC_ROLLUP.SPF_ALIGNED),
            DSL.sum(DMARC_ROLLUP.QUARANTINED),
            DSL.sum(DMARC_ROLLUP.REJECTED),
            DSL.countDistinct(DMARC_ROLLUP.REPORTER_ORG));

    private SelectHavingStep<Record> statsQuery(Condition where) {
        return tx.dsl().select(STATS).from(DMARC_ROLLUP).where(where).groupBy(DMARC_ROLLUP.SOURCE_IP);
    }

    private static SourceStats stats(Record r) {
        return new SourceStats(
                r.get(0, String.class),
                n(r.get(1, BigDecimal.class)),
                n(r.get(2, BigDecimal.class)),
                n(r.get(3, BigDecimal.class)),
                n(r.get(4, BigDecimal.class)),
                n(r.get(5, BigDecimal.class)),
                n(r.get(6, BigDecimal.class)),
                r.get(7, Integer.class));
    }

    private List<SourceStats> sourceStats(Condition where, int limit) {
        return statsQuery(where)
                .orderBy(TOTAL.desc(), DMARC_ROLLUP.SOURCE_IP)
                .limit(limit)
                .fetch(JooqDmarcStore::stats);
    }

    @Override
    public List<DailyAlignment> trend(TenantId tenant, String domain, Instant from, Instant to) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        Field<BigDecimal> total = DSL.sum(DMARC_DAY.MESSAGES);
        Field<BigDecimal> pass = DSL.sum(DMARC_DAY.DMARC_PASS);
        tx.dsl()
                .select(DMARC_DAY.BEGIN_AT, total, pass)
                .from(DMARC_DAY)
                .where(days(tenant, domain, from, to))
                .groupBy(DMARC_DAY.BEGIN_AT)
                // A day shows when rows were reported for it, as when the trend was read from the rows.
                .having(DSL.sum(DMARC_DAY.ROW_COUNT).gt(BigDecimal.ZERO))
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
        Field<BigDecimal> total = DSL.sum(DMARC_DAY.MESSAGES);
        return tx.dsl()
                .select(DMARC_DAY.REPORTER_ORG, total)
                .from(DMARC_DAY)
                .where(days(tenant, domain, from, to))
                .groupBy(DMARC_DAY.REPORTER_ORG)
                .orderBy(total.desc(), DMARC_DAY.REPORTER_ORG)
                .fetch(r -> new CountedName(r.value1().isBlank() ? "(unnamed reporter)" : r.value1(), n(r.value2())));
    }

    @Override
    public Optional<PublishedPolicy> latestPolicy(TenantId tenant, String domain) {
        return tx.dsl()
                .selectFrom(DMARC_REPORT)
                .where(DMARC_REPORT.TENANT_ID.eq(tenant.value()).and(DMARC_REPORT.DOMAIN_NAME.eq(domain)))
                // All four columns of dmarc_report_newest: H2 then reads one entry instead of sorting the domain's
                // reports.
                .orderBy(
                        DMARC_REPORT.TENANT_ID,
                        DMARC_REPORT.DOMAIN_NAME,
                        DMARC_REPORT.BEGIN_AT.desc(),
                        DMARC_REPORT.ID.desc())
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
                .selectDistinct(DMARC_DAY.BEGIN_AT)
                .from(DMARC_DAY)
                .where(days(tenant, domain, from, to))
                .fetch(DMARC_DAY.BEGIN_AT)
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
