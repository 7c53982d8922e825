package dev.mailroom.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailroom.app.common.Csv;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.billing.PlanTerms;
import dev.mailroom.model.billing.PricePlan;
import dev.mailroom.model.billing.TenantOverrides;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reports and billing on the command line over a real H2 store, and the send result file's formula guard. */
class ReportsAndBillingCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @TempDir
    Path files;

    private CliRun owner;
    private CliRun analyst;
    private final YearMonth lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1);

    @BeforeEach
    void setUp() throws Exception {
        CommandLineTest.seed(dir, null);
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            Services s = Services.create(store, Clock.systemUTC());
            Actor ana = s.signIn()
                    .signIn(CommandLineTest.OWNER, CommandLineTest.OWNER_PASSWORD.toCharArray())
                    .actor();
            Tenant acme = s.tenants().list(ana).get(0);
            PricePlan plan = s.billing().createPlan(ana, "Standard", lastMonth, PlanTerms.productDefault());
            s.billing().assign(ana, acme.id(), plan.id(), lastMonth, TenantOverrides.NONE);
        }
        owner = new CliRun(dir).as(CommandLineTest.OWNER, CommandLineTest.OWNER_PASSWORD);
        analyst = new CliRun(dir).as(CommandLineTest.ANALYST, CommandLineTest.ANALYST_PASSWORD);
    }

    @Test
    void analyticsAndTheClientReportComeOutAsTheConsoleMakesThem() throws Exception {
        CliRun.Result json = analyst.run("--json", "reports", "analytics", "--client", "Acme Shop", "--days", "7");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode rows = JSON.readTree(json.out());
        assertThat(rows).hasSize(8); // seven days and the total
        assertThat(rows.get(7).get("day").asText()).isEqualTo("total");
        assertThat(rows.get(0).has("bounce_rate")).isTrue();

        Path csv = files.resolve("analytics.csv");
        CliRun.Result file = analyst.run("reports", "analytics", "--client", "Acme Shop", "--output", csv.toString());
        assertThat(file.code()).as(file.err()).isZero();
        assertThat(Files.readAllLines(csv).get(0)).startsWith("day,");

        Path pdf = files.resolve("acme.pdf");
        CliRun.Result report = analyst.run(
                "reports",
                "client",
                "--client",
                "Acme Shop",
                "--month",
                lastMonth.toString(),
                "--output",
                pdf.toString());
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(report.out()).startsWith("Wrote Acme Shop's report for " + lastMonth);
        assertThat(new String(Files.readAllBytes(pdf), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");

        CliRun.Result half = analyst.run("reports", "analytics", "--client", "Acme Shop", "--from", "2026-01-01");
        assertThat(half.code()).isEqualTo(ExitCode.INVALID);
    }

    @Test
    void theMonthlyRunIssuesOncePreviewsAndExportsAndIsRefusedWithoutTheRole() throws Exception {
        CliRun.Result refused = analyst.run("billing", "run", "--month", lastMonth.toString());
        assertThat(refused.code()).as(refused.err()).isEqualTo(ExitCode.REFUSED);

        CliRun.Result preview = owner.run("--json", "billing", "preview", "--month", lastMonth.toString());
        assertThat(preview.code()).as(preview.err()).isZero();
        assertThat(JSON.readTree(preview.out()).get(0).get("client").asText()).isEqualTo("Acme Shop");

        CliRun.Result run = owner.run("billing", "run", "--month", lastMonth.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Issued 1 invoice(s) for " + lastMonth + "; 0 client(s) skipped.");
        assertThat(run.err()).contains("Issued 1 of 1");

        CliRun.Result again = owner.run("--json", "billing", "run", "--month", lastMonth.toString());
        assertThat(again.code()).isZero();
        assertThat(JSON.readTree(again.out()).get(0).get("skipped").asText()).contains("already");

        Path csv = files.resolve("invoices.csv");
        CliRun.Result export =
                owner.run("billing", "export", "--month", lastMonth.toString(), "--output", csv.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(Files.readAllLines(csv)).hasSize(2);

        CliRun.Result badMonth = owner.run("billing", "preview", "--month", "last");
        assertThat(badMonth.code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void theSendResultFileIsSafeToOpenInASpreadsheet() {
        String text = Csv.text(SendCommand.resultTable(List.of(
                Map.of("address", "=1+2@example.net", "state", "Sent", "note", "@SUM(A1)"),
                Map.of("address", "+x@example.net", "state", "Failed", "note", "-2+3 relay said no"),
                Map.of("address", "plain@example.net", "state", "Sent", "note", "\tcmd"))));
        assertThat(text)
                .contains("'=1+2@example.net,Sent,'@SUM(A1)")
                .contains("'+x@example.net,Failed,'-2+3 relay said no")
                .contains("'\tcmd");
    }
}
