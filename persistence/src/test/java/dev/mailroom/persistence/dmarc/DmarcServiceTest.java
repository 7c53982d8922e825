package dev.mailroom.persistence.dmarc;

import static dev.mailroom.persistence.jooq.Tables.AUDIT_ENTRY;
import static dev.mailroom.persistence.jooq.Tables.DMARC_ROW;
import static dev.mailroom.persistence.jooq.Tables.SENDING_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.dmarc.AggregateReport;
import dev.mailroom.model.dmarc.DmarcAdvice;
import dev.mailroom.model.dmarc.DmarcImportSummary;
import dev.mailroom.model.dmarc.DmarcService;
import dev.mailroom.model.dmarc.DomainDmarc;
import dev.mailroom.model.dmarc.PublishedPolicy;
import dev.mailroom.model.dmarc.ReportRow;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.Times;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DmarcServiceTest {
    @TempDir
    Path dir;

    private static void domain(SendingFixture f, TenantId tenant, String name, String rua) {
        f.tx.run(() -> f.tx.dsl()
                .insertInto(SENDING_DOMAIN)
                .set(SENDING_DOMAIN.TENANT_ID, tenant.value())
                .set(SENDING_DOMAIN.NAME, name)
                .set(SENDING_DOMAIN.SPF_MECHANISM, "include:spf.example")
                .set(SENDING_DOMAIN.RETURN_PATH_LABEL, "bounce")
                .set(SENDING_DOMAIN.RETURN_PATH_TARGET, "bounce.example")
                .set(SENDING_DOMAIN.DMARC_RUA, rua)
                .set(SENDING_DOMAIN.TTL, 3600)
                .set(SENDING_DOMAIN.CREATED_AT, Times.toDb(SendingFixture.T0))
                .execute());
    }

    private static AggregateReport report(String org, String id, String domain, int daysAgo, List<ReportRow> rows) {
        Instant begin = SendingFixture.T0.minus(Duration.ofDays(daysAgo));
        return new AggregateReport(
                org,
                "noreply@" + org,
                id,
                begin,
                begin.plus(Duration.ofDays(1)).minusSeconds(1),
                new PublishedPolicy(domain, "none", "none", 100, "r", "r"),
                rows);
    }

    private static ReportRow row(String ip, long count, boolean dkim, boolean spf) {
        return new ReportRow(
                ip, count, "none", dkim, spf, "acme.example", "acme.example", "acme.example", "acme.example");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void reportsLandInTheOwnerOfTheirDomainOnceAndShowOnlyThere(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            TenantId other = f.tenantNamed("Other");
            domain(f, f.acme, "acme.example", "dmarc@agency.example");
            domain(f, other, "other.example", null);
            JooqDmarcStore dmarc = new JooqDmarcStore(f.tx);
            DmarcService service = new DmarcService(dmarc, f.access, f.tx, f.audit, f.tenants, f.clock);

            List<AggregateReport> reports = new ArrayList<>();
            for (int day = 1; day <= 20; day++) {
                reports.add(report(
                        "google.com",
                        "g-" + day,
                        "acme.example",
                        day,
                        List.of(row("192.0.2.10", 500, true, true), row("203.0.113.5", 2, false, false))));
            }
            // A subdomain's report belongs to the owner of the parent domain.
            reports.add(report("yahoo.com", "y-1", "news.acme.example", 2, List.of(row("192.0.2.10", 7, true, false))));
            reports.add(report("google.com", "o-1", "other.example", 1, List.of(row("198.51.100.1", 9, false, false))));
            reports.add(report("google.com", "u-1", "nobody.example", 1, List.of(row("198.51.100.2", 1, true, true))));

            DmarcImportSummary first =
                    service.importReports(f.owner, Optional.empty(), reports, List.of("x.xml: broken"), "files");
            assertThat(first.stored()).isEqualTo(22);
            assertThat(first.unknownDomain()).isEqualTo(1);
            assertThat(first.problems()).containsExactly("x.xml: broken");
            assertThat(first.headline()).startsWith("22 reports stored").contains("1 for a domain no client has");

            DmarcImportSummary again = service.importReports(f.owner, Optional.of(f.acme), reports, List.of(), "files");
            assertThat(again.stored()).isZero();
            assertThat(again.duplicates()).isEqualTo(21);
            assertThat(again.notHere()).isEqualTo(1);

            assertThat(service.domains(f.owner, f.acme)).containsExactly("acme.example", "news.acme.example");
            assertThat(service.domains(f.owner, other)).containsExactly("other.example");
            assertThat(service.domain(f.owner, f.acme, "other.example", 30).messages())
                    .isZero();

            DomainDmarc d = service.domain(f.owner, f.acme, "acme.example", 30);
            assertThat(d.messages()).isEqualTo(20 * 502);
            assertThat(d.dmarcPass()).isEqualTo(20 * 500);
            assertThat(d.daysReported()).isEqualTo(20);
            assertThat(d.sources()).extracting(s -> s.sourceIp()).containsExactly("192.0.2.10", "203.0.113.5");
            assertThat(d.trend()).hasSize(20);
            assertThat(d.reporters())
                    .singleElement()
                    .satisfies(r -> assertThat(r.count()).isEqualTo(20 * 502));
            assertThat(d.advice().stage()).isEqualTo(DmarcAdvice.Stage.READY_FOR_QUARANTINE);
            assertThat(d.advice().record()).get().asString().contains("rua=mailto:dmarc@agency.example");

            long audited = f.tx.inTransaction(
                    () -> (long) f.tx.dsl().fetchCount(AUDIT_ENTRY, AUDIT_ENTRY.ACTION.eq("dmarc.report-imported")));
            assertThat(audited).isEqualTo(22);
            long otherRows = f.tx.inTransaction(
                    () -> (long) f.tx.dsl().fetchCount(DMARC_ROW, DMARC_ROW.TENANT_ID.eq(other.value())));
            assertThat(otherRows).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void importAndReadingFollowTheActorsRoles(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            TenantId other = f.tenantNamed("Other");
            domain(f, f.acme, "acme.example", null);
            domain(f, other, "other.example", null);
            DmarcService service =
                    new DmarcService(new JooqDmarcStore(f.tx), f.access, f.tx, f.audit, f.tenants, f.clock);
            List<AggregateReport> reports = List.of(
                    report("google.com", "a", "acme.example", 1, List.of(row("192.0.2.10", 5, true, true))),
                    report("google.com", "b", "other.example", 1, List.of(row("192.0.2.10", 5, true, true))));

            // The editor of Acme may import into Acme, not into Other; and may not read analytics.
            DmarcImportSummary s = service.importReports(f.editor, Optional.empty(), reports, List.of(), "files");
            assertThat(s.stored()).isEqualTo(1);
            assertThat(s.denied()).isEqualTo(1);
            // Another client the editor has no role in is "not found" to them.
            assertThatThrownBy(() -> service.importReports(f.editor, Optional.of(other), reports, List.of(), "files"))
                    .isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> service.domain(f.editor, f.acme, "acme.example", 30))
                    .isInstanceOf(PermissionDenied.class);
            assertThat(service.domains(f.owner, other)).isEmpty();
        }
    }
}
