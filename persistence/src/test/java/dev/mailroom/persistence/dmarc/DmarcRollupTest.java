package dev.mailroom.persistence.dmarc;

import static dev.mailroom.persistence.jooq.Tables.DMARC_DAY;
import static dev.mailroom.persistence.jooq.Tables.DMARC_REPORT;
import static dev.mailroom.persistence.jooq.Tables.DMARC_ROLLUP;
import static dev.mailroom.persistence.jooq.Tables.DMARC_ROW;
import static dev.mailroom.persistence.jooq.Tables.DMARC_SOURCE_TOTAL;
import static dev.mailroom.persistence.jooq.Tables.SENDING_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.activity.CountedName;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.dmarc.AggregateReport;
import dev.mailroom.model.dmarc.DailyAlignment;
import dev.mailroom.model.dmarc.DmarcImportSummary;
import dev.mailroom.model.dmarc.DmarcService;
import dev.mailroom.model.dmarc.DomainDmarc;
import dev.mailroom.model.dmarc.PublishedPolicy;
import dev.mailroom.model.dmarc.ReportRow;
import dev.mailroom.model.dmarc.SourceStats;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.Times;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The DMARC page reads roll-ups kept at import (V102, decision 0084); these tests hold them to the
 * figures read from the report rows, as the page read them before: after imports through the
 * service (with duplicates, reports without rows, reports that do not begin at midnight), and after
 * the migration's own INSERT … SELECT fills them from rows already stored.
 */
class DmarcRollupTest {
    @TempDir
    Path dir;

    private static final String[] ORGS = {"google.com", "Outlook.com", "Yahoo", "", "comcast.net"};
    private static final String[] DISPOSITIONS = {"none", "none", "quarantine", "reject"};

    private static void domain(SendingFixture f, TenantId tenant, String name) {
        f.tx.run(() -> f.tx.dsl()
                .insertInto(SENDING_DOMAIN)
                .set(SENDING_DOMAIN.TENANT_ID, tenant.value())
                .set(SENDING_DOMAIN.NAME, name)
                .set(SENDING_DOMAIN.SPF_MECHANISM, "include:spf.example")
                .set(SENDING_DOMAIN.RETURN_PATH_LABEL, "bounce")
                .set(SENDING_DOMAIN.RETURN_PATH_TARGET, "bounce.example")
                .set(SENDING_DOMAIN.TTL, 3600)
                .set(SENDING_DOMAIN.CREATED_AT, Times.toDb(SendingFixture.T0))
                .execute());
    }

    /**
     * Reports over 60 days for two domains: a few heavy addresses, a middle band, and a long tail of
     * one-message sources, so the page's top list is cut and its shortcut is tried both ways.
     */
    private static List<AggregateReport> reports(Random random, int count) {
        Instant today = SendingFixture.T0.truncatedTo(ChronoUnit.DAYS);
        List<AggregateReport> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String domain = random.nextInt(4) == 0 ? "news.acme.example" : "acme.example";
            String org = ORGS[random.nextInt(ORGS.length)];
            // Most reports begin at midnight; some at another hour, one even after the clock's now.
            Instant begin = today.minus(Duration.ofDays(random.nextInt(60)));
            if (random.nextInt(5) == 0) {
                begin = begin.plus(Duration.ofHours(random.nextInt(24)));
            }
            int size = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(40);
            List<ReportRow> rows = new ArrayList<>();
            for (int j = 0; j < size; j++) {
                int kind = random.nextInt(10);
                String ip;
                long messages;
                if (kind < 3) {
                    ip = "192.0.2." + random.nextInt(8);
                    messages = 50 + random.nextInt(500);
                } else if (kind < 6) {
                    ip = "198.51.100." + random.nextInt(120);
                    messages = 1 + random.nextInt(60);
                } else {
                    ip = "203.0." + random.nextInt(40) + "." + random.nextInt(250);
                    messages = 1 + random.nextInt(3);
                }
                boolean dkim = random.nextInt(3) != 0;
                boolean spf = random.nextInt(4) != 0;
                rows.add(new ReportRow(
                        ip,
                        messages,
                        DISPOSITIONS[random.nextInt(DISPOSITIONS.length)],
                        dkim,
                        spf,
                        domain,
                        domain,
                        dkim ? domain : "",
                        domain));
            }
            out.add(new AggregateReport(
                    org,
                    "dmarc@" + org,
                    "r-" + i,
                    begin,
                    begin.plus(Duration.ofDays(1)).minusSeconds(1),
                    new PublishedPolicy(domain, "none", "none", 100, "r", "r"),
                    rows));
        }
        // A report that begins after the page's "now", to be left out as before.
        out.add(new AggregateReport(
                "google.com",
                "dmarc@google.com",
                "future",
                SendingFixture.T0.plus(Duration.ofHours(2)),
                SendingFixture.T0.plus(Duration.ofDays(1)),
                new PublishedPolicy("acme.example", "none", "none", 100, "r", "r"),
                List.of(new ReportRow(
                        "192.0.2.1", 9_999, "none", true, true, "acme.example", "", "acme.example", ""))));
        return out;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void thePageShowsWhatTheRowsSayForEveryPeriodAndListLength(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            domain(f, f.acme, "acme.example");
            JooqDmarcStore dmarc = new JooqDmarcStore(f.tx);
            DmarcService service = new DmarcService(dmarc, f.access, f.tx, f.audit, f.tenants, f.clock);
            List<AggregateReport> reports = reports(new Random(84), 400);
            DmarcImportSummary first = service.importReports(f.owner, Optional.empty(), reports, List.of(), "files");
            assertThat(first.stored()).isEqualTo(reports.size());
            // Imported again (and half of them once more): nothing counts twice.
            DmarcImportSummary again =
                    service.importReports(f.owner, Optional.empty(), reports.subList(0, 200), List.of(), "files");
            assertThat(again.duplicates()).isEqualTo(200);

            assertSameAsRows(f, dmarc, service);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theMigrationFillsTheRollupsAsImportsDo(Backend backend) throws IOException {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            domain(f, f.acme, "acme.example");
            TenantId other = f.tenantNamed("Other");
            domain(f, other, "other.example");
            JooqDmarcStore dmarc = new JooqDmarcStore(f.tx);
            DmarcService service = new DmarcService(dmarc, f.access, f.tx, f.audit, f.tenants, f.clock);
            List<AggregateReport> reports = new ArrayList<>(reports(new Random(102), 150));
            reports.add(new AggregateReport(
                    "google.com",
                    "dmarc@google.com",
                    "o-1",
                    SendingFixture.T0.minus(Duration.ofDays(3)),
                    SendingFixture.T0.minus(Duration.ofDays(2)),
                    new PublishedPolicy("other.example", "none", "none", 100, "r", "r"),
                    List.of(new ReportRow("192.0.2.1", 7, "reject", false, false, "other.example", "", "", ""))));
            service.importReports(f.owner, Optional.empty(), reports, List.of(), "files");

            List<List<Object>> rollup = contents(f, DMARC_ROLLUP);
            List<List<Object>> totals = contents(f, DMARC_SOURCE_TOTAL);
            List<List<Object>> days = contents(f, DMARC_DAY);
            assertThat(rollup).hasSizeGreaterThan(500);
            assertThat(days).hasSizeGreaterThan(100);

            // A store as it was before V102: the reports and their rows, no roll-ups. Then the
            // migration's statements that fill them, as Flyway runs them.
            f.tx.run(() -> {
                f.tx.dsl().deleteFrom(DMARC_ROLLUP).execute();
                f.tx.dsl().deleteFrom(DMARC_SOURCE_TOTAL).execute();
                f.tx.dsl().deleteFrom(DMARC_DAY).execute();
            });
            List<String> inserts = migrationInserts();
            assertThat(inserts).hasSize(3);
            f.tx.run(() -> inserts.forEach(sql -> f.tx.dsl().execute(sql)));

            assertThat(contents(f, DMARC_ROLLUP)).isEqualTo(rollup);
            assertThat(contents(f, DMARC_SOURCE_TOTAL)).isEqualTo(totals);
            assertThat(contents(f, DMARC_DAY)).isEqualTo(days);
            assertSameAsRows(f, dmarc, service);
        }
    }

    private static List<String> migrationInserts() throws IOException {
        String sql;
        try (InputStream in = DmarcRollupTest.class.getResourceAsStream("/db/migration/V102__dmarc_daily_rollup.sql")) {
            assertThat(in).isNotNull();
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder code = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.trim().startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        List<String> out = new ArrayList<>();
        for (String statement : code.toString().split(";")) {
            if (statement.trim().startsWith("insert")) {
                out.add(statement.trim());
            }
        }
        return out;
    }

    /** Every row of a roll-up table, in key order, with instants and numbers made comparable. */
    private static List<List<Object>> contents(SendingFixture f, Table<?> table) {
        return f.tx.inTransaction(() -> {
            List<List<Object>> out = new ArrayList<>();
            for (Record r : f.tx.dsl().selectFrom(table).fetch()) {
                List<Object> values = new ArrayList<>();
                for (Field<?> field : r.fields()) {
                    Object v = r.get(field);
                    if (v instanceof java.time.OffsetDateTime t) {
                        v = t.toInstant();
                    } else if (v instanceof Number n) {
                        v = n.longValue();
                    }
                    values.add(v);
                }
                out.add(values);
            }
            out.sort((a, b) -> a.toString().compareTo(b.toString()));
            return out;
        });
    }

    private static void assertSameAsRows(SendingFixture f, JooqDmarcStore dmarc, DmarcService service) {
        TenantId t = f.acme;
        for (String domain : List.of("acme.example", "news.acme.example")) {
            for (int days : new int[] {1, 2, 7, 13, 30, 59, 60, 90}) {
                Instant to = f.clock.instant();
                Instant from = to.minus(Duration.ofDays(days));
                f.tx.run(() -> {
                    for (int limit : new int[] {1, 3, 8, 10, 25, 200}) {
                        assertThat(dmarc.sources(t, domain, from, to, limit))
                                .as("%s, %d days, top %d", domain, days, limit)
                                .isEqualTo(rowSources(f, t, domain, from, to, limit));
                    }
                    assertThat(dmarc.trend(t, domain, from, to)).isEqualTo(rowTrend(f, t, domain, from, to));
                    assertThat(dmarc.reporters(t, domain, from, to)).isEqualTo(rowReporters(f, t, domain, from, to));
                    assertThat(dmarc.daysReported(t, domain, from, to))
                            .isEqualTo(rowDaysReported(f, t, domain, from, to));
                });
                DomainDmarc page = service.domain(f.owner, t, domain, days);
                List<SourceStats> sources =
                        f.tx.inTransaction(() -> rowSources(f, t, domain, from, to, DmarcService.SOURCES_SHOWN));
                assertThat(page.sources()).isEqualTo(sources);
                assertThat(page.messages())
                        .isEqualTo(sources.stream()
                                .mapToLong(SourceStats::messages)
                                .sum());
            }
        }
        // The page's 60-day list of acme.example is cut (more than 200 sources), so the test means something.
        assertThat(f.tx.inTransaction(() -> f.tx.dsl()
                        .fetchCount(f.tx.dsl()
                                .selectDistinct(DMARC_ROW.SOURCE_IP)
                                .from(DMARC_ROW)
                                .where(DMARC_ROW.DOMAIN_NAME.eq("acme.example")))))
                .isGreaterThan(DmarcService.SOURCES_SHOWN);
    }

    // The page's figures read from the rows, as JooqDmarcStore read them before V102.

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

    private static List<SourceStats> rowSources(
            SendingFixture f, TenantId tenant, String domain, Instant from, Instant to, int limit) {
        Field<BigDecimal> total = DSL.sum(DMARC_ROW.MESSAGES);
        Field<BigDecimal> pass = sumWhen(DMARC_ROW.DKIM_ALIGNED.isTrue().or(DMARC_ROW.SPF_ALIGNED.isTrue()));
        Field<BigDecimal> dkim = sumWhen(DMARC_ROW.DKIM_ALIGNED.isTrue());
        Field<BigDecimal> spf = sumWhen(DMARC_ROW.SPF_ALIGNED.isTrue());
        Field<BigDecimal> quarantined = sumWhen(DMARC_ROW.DISPOSITION.eq("quarantine"));
        Field<BigDecimal> rejected = sumWhen(DMARC_ROW.DISPOSITION.eq("reject"));
        Field<Integer> reporters = DSL.countDistinct(DMARC_REPORT.REPORTER_ORG);
        return f.tx.dsl()
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

    private static List<DailyAlignment> rowTrend(
            SendingFixture f, TenantId tenant, String domain, Instant from, Instant to) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        Field<BigDecimal> total = DSL.sum(DMARC_ROW.MESSAGES);
        Field<BigDecimal> pass = sumWhen(DMARC_ROW.DKIM_ALIGNED.isTrue().or(DMARC_ROW.SPF_ALIGNED.isTrue()));
        f.tx.dsl()
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

    private static List<CountedName> rowReporters(
            SendingFixture f, TenantId tenant, String domain, Instant from, Instant to) {
        Field<BigDecimal> total = DSL.sum(DMARC_REPORT.MESSAGES);
        return f.tx.dsl()
                .select(DMARC_REPORT.REPORTER_ORG, total)
                .from(DMARC_REPORT)
                .where(reports(tenant, domain, from, to))
                .groupBy(DMARC_REPORT.REPORTER_ORG)
                .orderBy(total.desc(), DMARC_REPORT.REPORTER_ORG)
                .fetch(r -> new CountedName(r.value1().isBlank() ? "(unnamed reporter)" : r.value1(), n(r.value2())));
    }

    private static int rowDaysReported(SendingFixture f, TenantId tenant, String domain, Instant from, Instant to) {
        TreeSet<LocalDate> days = new TreeSet<>();
        f.tx.dsl()
                .selectDistinct(DMARC_REPORT.BEGIN_AT)
                .from(DMARC_REPORT)
                .where(reports(tenant, domain, from, to))
                .fetch(DMARC_REPORT.BEGIN_AT)
                .forEach(x -> days.add(LocalDate.ofInstant(Times.fromDb(x), ZoneOffset.UTC)));
        return days.size();
    }

    private static long n(BigDecimal v) {
        return v == null ? 0 : v.longValue();
    }
}
