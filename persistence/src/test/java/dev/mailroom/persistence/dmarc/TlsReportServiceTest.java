package dev.mailroom.persistence.dmarc;

import static dev.mailroom.persistence.jooq.Tables.AUDIT_ENTRY;
import static dev.mailroom.persistence.jooq.Tables.SENDING_DOMAIN;
import static dev.mailroom.persistence.jooq.Tables.TLS_FAILURE;
import static dev.mailroom.persistence.jooq.Tables.TLS_POLICY;
import static dev.mailroom.persistence.jooq.Tables.TLS_REPORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.activity.CountedName;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.dmarc.DmarcImportSummary;
import dev.mailroom.model.dmarc.DomainTlsReports;
import dev.mailroom.model.dmarc.TlsReport;
import dev.mailroom.model.dmarc.TlsReportService;
import dev.mailroom.model.dmarc.TlsReporter;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.Times;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SMTP TLS reports through the use case into a real store, on H2 and PostgreSQL. */
class TlsReportServiceTest {
    @TempDir
    Path dir;

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

    private static TlsReport report(String org, String id, int daysAgo, TlsReport.Policy... policies) {
        Instant begin = SendingFixture.T0.minus(Duration.ofDays(daysAgo));
        return new TlsReport(org, id, begin, begin.plus(Duration.ofDays(1)).minusSeconds(1), List.of(policies));
    }

    private static TlsReport.Policy sts(String domain, long ok, long failed, Map<String, Long> byType) {
        return new TlsReport.Policy(domain, "sts", ok, failed, byType);
    }

    private static long count(SendingFixture f, org.jooq.Table<?> table, org.jooq.Condition c) {
        return f.tx.inTransaction(() -> (long) f.tx.dsl().fetchCount(table, c));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void reportsLandInTheOwnerOfEachPolicyDomainOnceAndShowOnlyThere(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            TenantId other = f.tenantNamed("Other");
            domain(f, f.acme, "acme.example");
            domain(f, other, "other.example");
            TlsReportService service =
                    new TlsReportService(new JooqTlsReportStore(f.tx), f.access, f.tx, f.audit, f.tenants, f.clock);

            List<TlsReport> reports = new ArrayList<>();
            for (int day = 1; day <= 10; day++) {
                reports.add(report(
                        "Google Inc.",
                        "g-" + day,
                        day,
                        sts("acme.example", 1000, 3, Map.of("certificate-expired", 2L, "validation-failure", 1L))));
            }
            // One report naming two clients' domains is split: each client gets only its own policy.
            reports.add(report(
                    "Microsoft Corporation",
                    "m-1",
                    2,
                    sts("acme.example", 500, 10, Map.of("starttls-not-supported", 10L)),
                    sts("other.example", 77, 1, Map.of("sts-policy-fetch-error", 1L))));
            reports.add(report("Google Inc.", "u-1", 1, sts("nobody.example", 5, 0, Map.of())));
            // Broken: the second policy counts negative sessions; nothing of the report is stored.
            reports.add(report(
                    "Evil Corp", "e-1", 1, sts("acme.example", 9, 0, Map.of()), sts("acme.example", -1, 0, Map.of())));

            DmarcImportSummary first =
                    service.importReports(f.owner, Optional.empty(), reports, List.of("x.json: broken"), "files");
            assertThat(first.stored()).isEqualTo(12);
            assertThat(first.unknownDomain()).isEqualTo(1);
            assertThat(first.rows()).isEqualTo(12);
            assertThat(first.problems())
                    .containsExactly(
                            "x.json: broken", "the TLS report e-1 from Evil Corp counts negative sessions; refused.");
            assertThat(first.headline()).startsWith("12 reports stored").contains("1 for a domain no client has");

            DmarcImportSummary again = service.importReports(f.owner, Optional.of(f.acme), reports, List.of(), "files");
            assertThat(again.stored()).isZero();
            assertThat(again.duplicates()).isEqualTo(11);
            assertThat(again.notHere()).isEqualTo(1);

            assertThat(service.domains(f.owner, f.acme)).containsExactly("acme.example");
            assertThat(service.domains(f.owner, other)).containsExactly("other.example");
            // Another client's domain shows nothing here, though reports about it are stored (there).
            DomainTlsReports foreign = service.domain(f.owner, f.acme, "other.example", 30);
            assertThat(foreign.sessions()).isZero();
            assertThat(foreign.reporters()).isEmpty();
            assertThat(foreign.failures()).isEmpty();

            DomainTlsReports d = service.domain(f.owner, f.acme, "ACME.example", 30);
            assertThat(d.reports()).isEqualTo(11);
            assertThat(d.succeeded()).isEqualTo(10 * 1000 + 500);
            assertThat(d.failed()).isEqualTo(10 * 3 + 10);
            assertThat(d.failures())
                    .containsExactly(
                            new CountedName("certificate-expired", 20),
                            new CountedName("starttls-not-supported", 10),
                            new CountedName("validation-failure", 10));
            assertThat(d.reporters())
                    .containsExactly(
                            new TlsReporter("Google Inc.", 10, 10_000, 30),
                            new TlsReporter("Microsoft Corporation", 1, 500, 10));
            assertThat(d.policyType()).contains("sts");

            // The period: over the last 5 days only the reports that began then (Google's days 1-5, Microsoft's).
            DomainTlsReports week = service.domain(f.owner, f.acme, "acme.example", 5);
            assertThat(week.reports()).isEqualTo(6);

            DomainTlsReports there = service.domain(f.owner, other, "other.example", 30);
            assertThat(there.succeeded()).isEqualTo(77);
            assertThat(there.failures()).containsExactly(new CountedName("sts-policy-fetch-error", 1));

            assertThat(count(f, AUDIT_ENTRY, AUDIT_ENTRY.ACTION.eq("tls.report-imported")))
                    .isEqualTo(12);
            assertThat(count(f, TLS_REPORT, TLS_REPORT.ORGANISATION.eq("Evil Corp")))
                    .isZero();
            assertThat(count(f, TLS_POLICY, TLS_POLICY.TENANT_ID.eq(other.value())))
                    .isEqualTo(1);
            assertThat(count(f, TLS_FAILURE, TLS_FAILURE.TENANT_ID.eq(other.value())))
                    .isEqualTo(1);
            assertThat(count(f, TLS_POLICY, TLS_POLICY.DOMAIN_NAME.eq("nobody.example")))
                    .isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void importAndReadingFollowTheActorsRoles(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            TenantId other = f.tenantNamed("Other");
            domain(f, f.acme, "acme.example");
            domain(f, other, "other.example");
            TlsReportService service =
                    new TlsReportService(new JooqTlsReportStore(f.tx), f.access, f.tx, f.audit, f.tenants, f.clock);
            List<TlsReport> reports = List.of(
                    report("Google Inc.", "a", 1, sts("acme.example", 5, 0, Map.of())),
                    report("Google Inc.", "b", 1, sts("other.example", 5, 0, Map.of())));

            // The editor of Acme may import into Acme, not into Other; and may not read analytics.
            DmarcImportSummary s = service.importReports(f.editor, Optional.empty(), reports, List.of(), "files");
            assertThat(s.stored()).isEqualTo(1);
            assertThat(s.denied()).isEqualTo(1);
            assertThatThrownBy(() -> service.importReports(f.editor, Optional.of(other), reports, List.of(), "files"))
                    .isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> service.domain(f.editor, f.acme, "acme.example", 30))
                    .isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> service.domains(f.editor, f.acme)).isInstanceOf(PermissionDenied.class);
            assertThat(service.domains(f.owner, other)).isEmpty();
            assertThat(service.domains(f.owner, f.acme)).containsExactly("acme.example");
        }
    }
}
