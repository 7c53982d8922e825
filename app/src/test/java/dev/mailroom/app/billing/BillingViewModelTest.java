package dev.mailroom.app.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.billing.Invoice;
import dev.mailroom.model.billing.InvoiceStatus;
import dev.mailroom.model.billing.MonthlyRun;
import dev.mailroom.model.billing.PricePlan;
import dev.mailroom.model.billing.TenantOverrides;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Billing page's view model without a window, over a real H2 store and the synchronous runner. */
class BillingViewModelTest {
    static final YearMonth APRIL = YearMonth.of(2026, 4);

    @TempDir
    Path dir;

    Store store;
    Services services;
    MutableClock clock = new MutableClock(Instant.parse("2026-04-02T09:00:00Z"));
    Actor owner;
    Tenant acme;
    Tenant moose;
    List<Throwable> errors = new ArrayList<>();

    @BeforeEach
    void open() {
        store = Backend.H2.open(dir);
        services = Services.create(store, clock);
        char[] pw = "owner-password".toCharArray();
        owner = services.firstRun()
                .setUp(new AgencySetup("Brightwave", "Ana Owner", "ana@brightwave.example", pw, pw))
                .actor();
        acme = tenant("Acme");
        moose = tenant("Able Moose Group");
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            Instant at = Instant.parse("2026-04-03T00:00:00Z").plusSeconds(i * 600L);
            events.add(Event.of(acme.id(), "acme.example", at, "a" + i + "@x.example", EventType.SENT));
            if (i < 400) {
                events.add(Event.of(moose.id(), "moose.example", at, "m" + i + "@x.example", EventType.SENT));
            }
        }
        store.transactions().run(() -> services.events().append(events));
    }

    private Tenant tenant(String name) {
        return services.tenants()
                .create(
                        owner,
                        new TenantDraft(
                                name,
                                "#2563EB",
                                "Jo",
                                "jo@example.com",
                                OwnershipModel.AGENCY_OWNED,
                                PartnerAccessPattern.AGENCY_MANAGED));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private BillingViewModel vm() {
        return new BillingViewModel(
                services.billing(),
                services.clientReports(),
                services.connections(),
                BackgroundRunner.synchronous(),
                owner);
    }

    @Test
    void aPlanFormWithBadRowsShowsFieldErrorsAndSavesNothing() {
        BillingViewModel vm = vm();
        vm.load(errors::add);
        vm.planName().set("Standard");
        vm.table().set("5000 2.50\nten 2.40\n");
        vm.setupFee().set("thirty");
        vm.currency().set("XYZ1");

        vm.savePlan(p -> {}, errors::add);

        assertThat(vm.fieldErrors()).containsKeys("tiers", "setupFee", "currency");
        assertThat(vm.fieldErrors().get("tiers")).contains("ten 2.40");
        assertThat(vm.plans()).isEmpty();
        assertThat(errors).isEmpty();

        vm.table().set("5000 2.50\n10000 2.60\n");
        vm.setupFee().set("30");
        vm.currency().set("usd");
        vm.savePlan(p -> {}, errors::add);
        assertThat(vm.fieldErrors().get("tiers")).contains("costs more per 1,000");
    }

    @Test
    void planAssignPreviewIssueExportAndPdfs() throws Exception {
        BillingViewModel vm = vm();
        vm.load(errors::add);
        assertThat(vm.month().get()).isEqualTo(YearMonth.of(2026, 3));
        vm.effectiveFrom().set(APRIL);
        vm.planName().set("Standard");
        vm.setupFee().set("30");
        AtomicReference<PricePlan> saved = new AtomicReference<>();
        vm.savePlan(saved::set, errors::add);
        assertThat(vm.fieldErrors()).isEmpty();
        assertThat(errors).isEmpty();
        vm.assign(acme.id(), saved.get().id(), TenantOverrides.NONE, () -> {}, errors::add);
        vm.assign(
                moose.id(),
                saved.get().id(),
                new TenantOverrides(Optional.of(BigDecimal.ZERO), Optional.of(new BigDecimal("20")), Optional.empty()),
                () -> {},
                errors::add);
        clock.advance(Duration.ofDays(32));
        vm.month().set(APRIL);

        vm.preview(errors::add);
        assertThat(vm.previewing().get()).isTrue();
        assertThat(vm.invoices()).extracting(Invoice::status).containsOnly(InvoiceStatus.DRAFT);
        assertThat(vm.status().get()).startsWith("2 invoices would be issued");

        AtomicReference<MonthlyRun> run = new AtomicReference<>();
        vm.issueAll(run::set, errors::add);
        assertThat(errors).isEmpty();
        assertThat(run.get().invoices()).hasSize(2);
        assertThat(vm.previewing().get()).isFalse();
        assertThat(vm.invoices()).extracting(Invoice::status).containsOnly(InvoiceStatus.ISSUED);
        // Acme: 1,200 at $2.50 per 1,000 = 3.00 + $30 setup; Moose: 400 → 1.00 + $20 retainer, no setup fee.
        assertThat(vm.invoices())
                .extracting(i -> i.tenantName() + " " + i.total())
                .containsExactlyInAnyOrder("Acme 33.00", "Able Moose Group 21.00");

        Path csv = dir.resolve("april.csv");
        vm.exportCsv(csv, p -> {}, errors::add);
        assertThat(Files.readString(csv))
                .startsWith("number,kind,status,tenant")
                .contains("Able Moose Group", "33.00");
        // The export goes through the one CSV writer: a tenant named like a formula is neutralised, a
        // credit's negative amount stays a number.
        Invoice one = vm.invoices().get(0);
        Invoice hostile = new Invoice(
                one.id(),
                one.tenant(),
                "=HYPERLINK(\"http://evil\")",
                one.kind(),
                one.number(),
                one.month(),
                one.status(),
                one.currency(),
                one.planName(),
                one.billable(),
                one.volume(),
                one.lines(),
                one.subtotal(),
                one.tax(),
                one.total().negate(),
                one.roundingRule(),
                one.corrects(),
                one.note(),
                one.issuedAt(),
                one.paidAt(),
                one.voidedAt());
        assertThat(dev.mailroom.app.common.Csv.text(dev.mailroom.model.billing.BillingCsv.of(List.of(hostile))))
                .contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",")
                .contains("," + one.total().negate().toPlainString() + ",")
                .doesNotContain(",\"=HYPERLINK");

        Invoice acmeInvoice = vm.invoices().stream()
                .filter(i -> i.tenant().equals(acme.id()))
                .findFirst()
                .orElseThrow();
        Path pdf = dir.resolve("invoice.pdf");
        vm.saveInvoicePdf(acmeInvoice, pdf, p -> {}, errors::add);
        assertThat(Files.readAllBytes(pdf)).startsWith("%PDF".getBytes());
        Path report = dir.resolve("report.pdf");
        vm.saveClientReport(acme.id(), report, p -> {}, errors::add);
        assertThat(Files.size(report)).isGreaterThan(1000);

        vm.markPaid(acmeInvoice, errors::add);
        assertThat(vm.invoices())
                .filteredOn(i -> i.tenant().equals(acme.id()))
                .extracting(Invoice::status)
                .containsExactly(InvoiceStatus.PAID);
        assertThat(errors).isEmpty();

        // A credit note: a bad amount or too much stays in the form as words; a fitting one is issued.
        Invoice paidInvoice = vm.invoices().stream()
                .filter(i -> i.tenant().equals(acme.id()))
                .findFirst()
                .orElseThrow();
        List<String> problems = new ArrayList<>();
        List<String> done = new ArrayList<>();
        vm.creditNote(paidInvoice, "twelve", "Goodwill", () -> done.add("done"), problems::add, errors::add);
        vm.creditNote(paidInvoice, "1000000", "Goodwill", () -> done.add("done"), problems::add, errors::add);
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("as a number");
        assertThat(problems.get(1)).startsWith("At most");
        assertThat(done).isEmpty();
        vm.creditNote(paidInvoice, "5.00", "Goodwill", () -> done.add("done"), problems::add, errors::add);
        assertThat(done).containsExactly("done");
        assertThat(errors).isEmpty();
        assertThat(vm.invoices())
                .filteredOn(i ->
                        i.tenant().equals(acme.id()) && i.kind() == dev.mailroom.model.billing.InvoiceKind.CREDIT_NOTE)
                .singleElement()
                .satisfies(n -> assertThat(n.total()).isEqualByComparingTo("-5.00"));

        // The margin: no cost set yet, then a cost typed wrongly and rightly for Acme.
        vm.loadMargin(errors::add);
        assertThat(vm.margins()).hasSize(2).allSatisfy(m -> assertThat(m.cost()).isEmpty());
        assertThat(vm.marginTotals().get()).contains("2 clients without a known cost");
        vm.editCost(acme.id(), errors::add);
        assertThat(vm.costMonthly().get()).isEmpty();
        vm.costMonthly().set("ten");
        vm.costIncluded().set("1.5");
        vm.saveCost(false, () -> {}, errors::add);
        assertThat(vm.costErrors()).containsOnlyKeys("costMonthly", "costIncluded");
        vm.costMonthly().set("10");
        vm.costIncluded().set("100000");
        vm.saveCost(false, () -> {}, errors::add);
        assertThat(vm.costErrors()).isEmpty();
        assertThat(errors).isEmpty();
        var acmeMargin = vm.margins().stream()
                .filter(m -> m.tenant().equals(acme.id()))
                .findFirst()
                .orElseThrow();
        assertThat(acmeMargin.cost()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("10.00"));
        assertThat(acmeMargin.margin())
                .hasValueSatisfying(m ->
                        assertThat(m).isEqualByComparingTo(acmeMargin.billed().subtract(BigDecimal.TEN)));
        vm.editCost(acme.id(), errors::add);
        assertThat(vm.costMonthly().get()).isEqualTo("10");
    }

    @Test
    void invoiceSettingsShowProblemsNextToTheirFieldsAndSaveWhatWasTyped() {
        BillingViewModel vm = vm();
        vm.loadSettings(errors::add);
        assertThat(vm.zone().get()).isEqualTo("UTC");

        vm.zone().set("Mars/Olympus");
        vm.saveSettings(() -> {}, errors::add);
        assertThat(vm.settingsErrors()).containsOnlyKeys("zone");

        vm.zone().set("Europe/Berlin");
        vm.invoicePrefix().set("INV 2026 <b>");
        vm.saveSettings(() -> {}, errors::add);
        assertThat(vm.settingsErrors()).containsOnlyKeys("invoicePrefix");

        vm.invoicePrefix().set("BW-");
        vm.issuerName().set("Brightwave Digital GmbH");
        vm.accentColor().set("#0a7cff");
        vm.saveSettings(() -> {}, errors::add);
        assertThat(vm.settingsErrors()).isEmpty();
        assertThat(errors).isEmpty();

        BillingViewModel again = vm();
        again.loadSettings(errors::add);
        assertThat(again.zone().get()).isEqualTo("Europe/Berlin");
        assertThat(again.invoicePrefix().get()).isEqualTo("BW-");
        assertThat(again.issuerName().get()).isEqualTo("Brightwave Digital GmbH");
        assertThat(again.accentColor().get()).isEqualTo("#0A7CFF");
    }

    @Test
    void reportsAreEmailedToEachClientsContactThroughTheConnectionTheAgencyChose() throws Exception {
        Tenant agency = tenant("Brightwave (agency)");
        dev.mailroom.app.sending.SendViewModelTest.signingDomain(services, owner, agency.id());
        services.connections()
                .create(
                        owner,
                        agency.id(),
                        new dev.mailroom.model.sending.ConnectionDraft(
                                "Agency relay",
                                dev.mailroom.model.sending.SendingEnvironment.PRODUCTION,
                                "127.0.0.1",
                                2525,
                                dev.mailroom.model.sending.SmtpSecurity.PLAIN_LOCALHOST_ONLY,
                                "",
                                java.util.Optional.empty(),
                                "mail.brightwave.example",
                                1,
                                0));
        BillingViewModel vm = vm();
        vm.month().set(APRIL);
        vm.loadReportSender(errors::add);
        assertThat(vm.reportSenderSet().get()).isFalse();
        vm.reportTenant().set(agency.id());
        assertThat(vm.reportConnection().get().name())
                .as("the client's only connection is proposed")
                .isEqualTo("Agency relay");
        vm.reportFrom().set("not an address");
        vm.saveReportSender(() -> {}, errors::add);
        assertThat(vm.settingsErrors()).containsKey("reportFrom");
        vm.reportFrom().set("reports@" + dev.mailroom.app.sending.SendViewModelTest.DOMAIN);
        vm.saveReportSender(() -> {}, errors::add);
        assertThat(vm.settingsErrors()).isEmpty();
        assertThat(vm.reportSenderSet().get()).isTrue();

        BillingViewModel again = vm();
        again.month().set(APRIL);
        again.loadReportSender(errors::add);
        assertThat(again.reportTenant().get()).isEqualTo(agency.id());
        assertThat(again.reportConnection().get().name()).isEqualTo("Agency relay");
        assertThat(again.reportFrom().get()).isEqualTo("reports@" + dev.mailroom.app.sending.SendViewModelTest.DOMAIN);

        again.emailClientReport(moose.id(), () -> {}, errors::add);
        assertThat(errors).isEmpty();
        assertThat(again.status().get()).contains("Able Moose Group", "in the outbox", "jo@example.com");

        Path folder = Files.createDirectory(dir.resolve("mailed"));
        AtomicReference<BillingViewModel.Batch> batch = new AtomicReference<>();
        again.saveAllClientReports(
                List.of(new BillingViewModel.Client(acme.id(), "Acme")), folder, true, batch::set, errors::add);
        assertThat(batch.get().emailed()).containsExactly("Acme");
        assertThat(again.status().get()).contains("1 e-mailed");

        var queued = services.outboxes().list(owner, agency.id(), java.util.Optional.empty());
        assertThat(queued)
                .hasSize(2)
                .allSatisfy(m -> assertThat(m.to()).isEqualTo("jo@example.com"))
                .flatExtracting(m -> m.attachments())
                .extracting(a -> a.filename())
                .containsExactlyInAnyOrder("Able Moose Group 2026-04 report.pdf", "Acme 2026-04 report.pdf");
    }

    @Test
    void allClientReportsGoIntoOneFolderAndAClientThatCannotBeReportedIsNamedNotFatal() throws Exception {
        BillingViewModel vm = vm();
        vm.month().set(APRIL);
        Path folder = Files.createDirectory(dir.resolve("reports"));
        AtomicReference<BillingViewModel.Batch> batch = new AtomicReference<>();
        vm.saveAllClientReports(
                List.of(
                        new BillingViewModel.Client(acme.id(), "Acme"),
                        new BillingViewModel.Client(new dev.mailroom.model.common.TenantId(987_654), "Gone Ltd"),
                        new BillingViewModel.Client(moose.id(), "Able Moose Group")),
                folder,
                batch::set,
                errors::add);

        assertThat(errors).isEmpty();
        assertThat(batch.get().written())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("Acme 2026-04 report.pdf", "Able Moose Group 2026-04 report.pdf");
        assertThat(batch.get().leftOut()).singleElement().asString().startsWith("Gone Ltd: ");
        try (var doc = org.apache.pdfbox.Loader.loadPDF(
                folder.resolve("Able Moose Group 2026-04 report.pdf").toFile())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc))
                    .contains("Able Moose Group");
        }
        try (var left = Files.list(folder)) {
            assertThat(left).as("no temporary files left behind").hasSize(2);
        }
        assertThat(vm.status().get()).contains("2 client reports", "Left out: Gone Ltd");
    }

    @Test
    void reportFileNamesKeepTheClientsNameReadableAndSafe() {
        assertThat(BillingViewModel.reportFileName("Café Zürich AG", APRIL))
                .isEqualTo("Café Zürich AG 2026-04 report.pdf");
        assertThat(BillingViewModel.reportFileName("../../etc/passwd", APRIL))
                .isEqualTo(".._.._etc_passwd 2026-04 report.pdf")
                .doesNotContain("/");
        assertThat(BillingViewModel.reportFileName("..", APRIL)).isEqualTo("client 2026-04 report.pdf");
        assertThat(BillingViewModel.reportFileName("A\\B:C*?\"<>|", APRIL)).isEqualTo("A_B_C______ 2026-04 report.pdf");
    }

    @Test
    void clientsSharingASendingPlanAreComparedWithOnePlanCarryingTheirCombinedVolume() {
        var plan = new dev.mailroom.model.billing.SendingCost(
                java.util.Currency.getInstance("USD"), new BigDecimal("50.00"), 50_000, new BigDecimal("1.00"));
        var other = new dev.mailroom.model.billing.SendingCost(
                java.util.Currency.getInstance("USD"), new BigDecimal("20.00"), 10_000, BigDecimal.ZERO);
        List<dev.mailroom.model.billing.TenantMargin> month =
                List.of(margin("Acme", 80_000, plan), margin("Globex", 30_000, plan), margin("Initech", 5_000, other));

        // On a plan each: Acme 50 + 30 over = 80.00, Globex 50.00; pooled: 110,000 = 50 + 60 over = 110.00.
        assertThat(BillingViewModel.pooled(month))
                .isEqualTo("Pooled volume: 2 clients on the same plan (50.00 USD a month, 50,000 included, 1.00 USD per"
                        + " 1,000 over), 110,000 emails: on a plan each 130.00 USD, pooled on one 110.00 USD: pooling"
                        + " saves 20.00 USD.");
        assertThat(BillingViewModel.pooled(month.subList(2, 3)))
                .isEqualTo("Pooled volume: no two clients with a known cost share a sending plan this month.");
    }

    private static dev.mailroom.model.billing.TenantMargin margin(
            String name, long volume, dev.mailroom.model.billing.SendingCost plan) {
        return new dev.mailroom.model.billing.TenantMargin(
                new dev.mailroom.model.common.TenantId(name.length()),
                name,
                plan.currency(),
                volume,
                new BigDecimal("500.00"),
                Optional.of(plan.cost(volume)),
                "",
                Optional.of(plan));
    }
}
