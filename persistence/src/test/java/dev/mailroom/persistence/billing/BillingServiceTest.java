package dev.mailroom.persistence.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.access.Role;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.audit.AuditQuery;
import dev.mailroom.model.billing.BillableEvent;
import dev.mailroom.model.billing.BillingSettings;
import dev.mailroom.model.billing.Invoice;
import dev.mailroom.model.billing.InvoiceKind;
import dev.mailroom.model.billing.InvoiceLine;
import dev.mailroom.model.billing.InvoiceStatus;
import dev.mailroom.model.billing.MonthlyRun;
import dev.mailroom.model.billing.PlanTerms;
import dev.mailroom.model.billing.PricePlan;
import dev.mailroom.model.billing.Pricing;
import dev.mailroom.model.billing.SendingCost;
import dev.mailroom.model.billing.Step;
import dev.mailroom.model.billing.TenantMargin;
import dev.mailroom.model.billing.TenantOverrides;
import dev.mailroom.model.billing.TierMode;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BillingServiceTest {
    static final YearMonth APRIL = YearMonth.of(2026, 4);
    static final YearMonth MAY = YearMonth.of(2026, 5);

    @TempDir
    Path dir;

    static PlanTerms graduated() {
        PlanTerms d = PlanTerms.productDefault();
        return new PlanTerms(
                d.currency(),
                new Pricing.Tiered(TierMode.GRADUATED, PlanTerms.DEFAULT_TIERS),
                BillableEvent.ACCEPTED,
                new BigDecimal("30"),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                RoundingMode.HALF_UP);
    }

    static PlanTerms jangomail() {
        return new PlanTerms(
                Currency.getInstance("USD"),
                new Pricing.Steps(
                        List.of(
                                Step.of(2_500, "15"),
                                Step.of(8_500, "45"),
                                Step.of(12_000, "60"),
                                Step.of(18_000, "90")),
                        0,
                        new BigDecimal("5")),
                BillableEvent.ACCEPTED,
                new BigDecimal("30"),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                RoundingMode.HALF_UP);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theMonthlyRunPricesTheRollupsAndNumbersInvoicesInTurn(Backend backend) {
        try (Store s = backend.open(dir)) {
            BillingFixture b = new BillingFixture(s, dir);
            TenantId acme = b.f.acme;
            TenantId one = b.f.tenantNamed("Agency One");
            TenantId two = b.f.tenantNamed("Agency Two");
            b.events(acme, EventType.SENT, 9_000);
            b.events(one, EventType.SENT, 5_300);
            b.events(two, EventType.SENT, 1_700);
            // Neither rejected nor delivered events bill on an "accepted" plan.
            b.events(acme, EventType.REJECTED, 300);
            b.events(acme, EventType.DELIVERED, 8_000);
            // Planned in April for April: the clock says 4 May, so the plan is dated May and April needs
            // a version from April: created while it was April.
            b.f.clock.advance(java.time.Duration.ofDays(-30));
            PricePlan steps = b.billing.createPlan(b.f.owner, "JangoMail-like", APRIL, jangomail());
            PricePlan tiers = b.billing.createPlan(b.f.owner, "Graduated", APRIL, graduated());
            b.billing.assign(b.f.owner, acme, steps.id(), APRIL, TenantOverrides.NONE);
            b.billing.assign(b.f.owner, one, steps.id(), APRIL, TenantOverrides.NONE);
            b.billing.assign(
                    b.f.owner,
                    two,
                    tiers.id(),
                    APRIL,
                    new TenantOverrides(
                            Optional.of(BigDecimal.ZERO),
                            Optional.of(new BigDecimal("10")),
                            Optional.of(new BigDecimal("20"))));
            assertThatThrownBy(() -> b.billing.issue(b.f.owner, acme, APRIL))
                    .isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("not over");
            b.f.clock.advance(java.time.Duration.ofDays(30));

            MonthlyRun preview = b.billing.preview(b.f.owner, APRIL);
            assertThat(preview.invoices()).extracting(Invoice::status).containsOnly(InvoiceStatus.DRAFT);
            assertThat(b.store.agencyInvoices(dev.mailroom.model.access.TenantScope.everything(), Optional.empty()))
                    .as("a preview saves nothing")
                    .isEmpty();

            MonthlyRun run = b.billing.issueAll(b.f.owner, APRIL, (d, t) -> {}, new Cancellation());

            assertThat(run.invoices()).hasSize(3);
            Invoice acmeInv = byTenant(run, acme);
            Invoice oneInv = byTenant(run, one);
            Invoice twoInv = byTenant(run, two);
            assertThat(acmeInv.volume()).isEqualTo(9_000);
            assertThat(acmeInv.total()).isEqualTo(new BigDecimal("90.00")); // $30 setup + the 12,000 plan at $60
            assertThat(oneInv.total()).isEqualTo(new BigDecimal("75.00")); // $30 + $45
            // 1,700 at $2.50 per 1,000 = 4.25, + $10 retainer, no setup fee (overridden), 20 % tax.
            assertThat(twoInv.lines())
                    .extracting(InvoiceLine::kind)
                    .containsExactly(
                            InvoiceLine.LineKind.RETAINER, InvoiceLine.LineKind.USAGE, InvoiceLine.LineKind.TAX);
            assertThat(twoInv.total()).isEqualTo(new BigDecimal("17.10"));
            assertThat(preview.invoices())
                    .extracting(Invoice::tenant, Invoice::total)
                    .containsExactlyInAnyOrderElementsOf(run.invoices().stream()
                            .map(i -> org.assertj.core.groups.Tuple.tuple(i.tenant(), i.total()))
                            .toList());
            assertThat(run.invoices())
                    .extracting(i -> i.number().orElseThrow())
                    .containsExactlyInAnyOrder("INV-000001", "INV-000002", "INV-000003");
            for (Invoice i : run.invoices()) {
                assertThat(InvoiceCalculatorSum.of(i)).isEqualTo(i.total());
            }

            // A second run finds every tenant already invoiced: nothing new, no number used.
            MonthlyRun again = b.billing.issueAll(b.f.owner, APRIL, (d, t) -> {}, new Cancellation());
            assertThat(again.invoices()).isEmpty();
            assertThat(again.skipped()).hasSize(3);

            // May: the setup fee is not charged again.
            b.f.clock.advance(java.time.Duration.ofDays(31));
            Invoice acmeMay = b.billing.issue(b.f.owner, acme, MAY);
            assertThat(acmeMay.lines()).extracting(InvoiceLine::kind).doesNotContain(InvoiceLine.LineKind.SETUP);
            assertThat(acmeMay.total()).isEqualTo(new BigDecimal("15.00")); // no May mail: the smallest size
            assertThat(acmeMay.number()).as("the repeated run used no number").contains("INV-000004");

            assertThat(b.f.tx.inTransaction(() -> b.f.auditStore.search(
                            AuditQuery.latest(200), dev.mailroom.model.access.TenantScope.everything())))
                    .extracting(e -> e.action())
                    .contains("billing.plan_created", "billing.plan_assigned", "billing.invoice_issued");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anIssuedInvoiceNeverChangesThroughAnyUseCaseOrTheStore(Backend backend) {
        try (Store s = backend.open(dir)) {
            BillingFixture b = new BillingFixture(s, dir);
            TenantId acme = b.f.acme;
            b.events(acme, EventType.SENT, 2_000);
            b.f.clock.advance(java.time.Duration.ofDays(-30));
            PricePlan plan = b.billing.createPlan(b.f.owner, "Graduated", APRIL, graduated());
            b.billing.assign(b.f.owner, acme, plan.id(), APRIL, TenantOverrides.NONE);
            b.f.clock.advance(java.time.Duration.ofDays(30));
            Invoice issued = b.billing.issue(b.f.owner, acme, APRIL);
            assertThat(issued.total()).isEqualTo(new BigDecimal("35.00")); // 2,000 at 2.50 graduated + 30 setup
            var id = issued.id().orElseThrow();

            // Every use case that could touch it:
            assertThatThrownBy(() -> b.billing.issue(b.f.owner, acme, APRIL)).isInstanceOf(Conflict.class);
            assertThatThrownBy(() -> b.billing.revisePlan(b.f.owner, plan.id(), APRIL, PlanTerms.productDefault()))
                    .isInstanceOf(InvalidInput.class);
            assertThatThrownBy(() -> b.billing.assign(b.f.owner, acme, plan.id(), APRIL, TenantOverrides.NONE))
                    .isInstanceOf(InvalidInput.class);
            b.billing.revisePlan(b.f.owner, plan.id(), MAY, PlanTerms.productDefault()); // May on: April stands
            Invoice credit =
                    b.billing.creditNote(b.f.owner, acme, id, new BigDecimal("7.70"), "Goodwill for the outage");
            assertThatThrownBy(() -> b.billing.creditNote(b.f.owner, acme, id, new BigDecimal("27.31"), "Too much"))
                    .isInstanceOf(InvalidInput.class);
            b.billing.markPaid(b.f.owner, acme, id);
            assertThatThrownBy(() -> b.billing.markPaid(b.f.owner, acme, id)).isInstanceOf(Conflict.class);
            assertThatThrownBy(() -> b.billing.voidInvoice(b.f.owner, acme, id, "Wrong plan"))
                    .isInstanceOf(Conflict.class);
            assertThatThrownBy(() ->
                            b.billing.markPaid(b.f.owner, acme, credit.id().orElseThrow()))
                    .isInstanceOf(Conflict.class);
            // …and the store itself: no update of content exists; a status move from the wrong status is refused,
            // and a second row with the same number is refused by the database.
            assertThat(b.f.tx.inTransaction(() -> b.store.changeStatus(
                            acme, id, InvoiceStatus.ISSUED, InvoiceStatus.VOID, b.f.clock.instant())))
                    .isFalse();
            assertThatThrownBy(() -> b.f.tx.run(() -> b.store.insertIssued(issued)))
                    .isInstanceOf(dev.mailroom.model.common.ExternalFailure.class);

            Invoice after = b.billing.invoice(b.f.owner, acme, id);
            assertThat(after.status()).isEqualTo(InvoiceStatus.PAID);
            assertThat(after)
                    .usingRecursiveComparison()
                    .ignoringFields("status", "paidAt")
                    .isEqualTo(issued);
            assertThat(credit.kind()).isEqualTo(InvoiceKind.CREDIT_NOTE);
            assertThat(credit.total()).isEqualTo(new BigDecimal("-7.70"));
            assertThat(credit.number()).contains("INV-000002");
            assertThat(credit.corrects()).contains(id);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void voidingCreditsWhatIsOwedAndFreesTheMonthForANewInvoice(Backend backend) {
        try (Store s = backend.open(dir)) {
            BillingFixture b = new BillingFixture(s, dir);
            TenantId acme = b.f.acme;
            b.events(acme, EventType.SENT, 2_000);
            b.f.clock.advance(java.time.Duration.ofDays(-30));
            PricePlan plan = b.billing.createPlan(b.f.owner, "Volume", APRIL, PlanTerms.productDefault());
            b.billing.assign(b.f.owner, acme, plan.id(), APRIL, TenantOverrides.NONE);
            b.f.clock.advance(java.time.Duration.ofDays(30));
            Invoice first = b.billing.issue(b.f.owner, acme, APRIL);
            assertThat(first.total()).isEqualTo(new BigDecimal("5.00"));
            b.billing.creditNote(b.f.owner, acme, first.id().orElseThrow(), new BigDecimal("1.20"), "Late delivery");

            Invoice credit = b.billing.voidInvoice(b.f.owner, acme, first.id().orElseThrow(), "Wrong plan");
            Invoice second = b.billing.issue(b.f.owner, acme, APRIL);

            assertThat(credit.total()).isEqualTo(new BigDecimal("-3.80"));
            assertThat(b.billing
                            .invoice(b.f.owner, acme, first.id().orElseThrow())
                            .status())
                    .isEqualTo(InvoiceStatus.VOID);
            assertThat(List.of(first, credit, second))
                    .extracting(i -> i.number().orElseThrow())
                    .containsExactly("INV-000001", "INV-000003", "INV-000004");
            assertThat(b.billing.invoices(b.f.owner, Optional.of(APRIL))).hasSize(4);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void twoRunsRacingNeitherRepeatNorSkipANumber(Backend backend) throws Exception {
        try (Store s = backend.open(dir)) {
            BillingFixture b = new BillingFixture(s, dir);
            List<TenantId> all = new ArrayList<>(List.of(b.f.acme));
            for (int i = 0; i < 11; i++) {
                all.add(b.f.tenantNamed("Client " + i));
            }
            b.f.clock.advance(java.time.Duration.ofDays(-30));
            PricePlan plan = b.billing.createPlan(b.f.owner, "Volume", APRIL, PlanTerms.productDefault());
            for (TenantId t : all) {
                b.billing.assign(b.f.owner, t, plan.id(), APRIL, TenantOverrides.NONE);
            }
            b.f.clock.advance(java.time.Duration.ofDays(30));
            // The two runs visit tenants in opposite orders, so they meet in the middle; each thread has
            // its own connection (and, on PostgreSQL, its own server session).
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<List<Invoice>>> runs = new ArrayList<>();
                for (boolean reversed : List.of(false, true)) {
                    runs.add(pool.submit(() -> {
                        List<TenantId> order = new ArrayList<>(all);
                        if (reversed) {
                            Collections.reverse(order);
                        }
                        start.await();
                        List<Invoice> made = new ArrayList<>();
                        for (TenantId t : order) {
                            try {
                                made.add(b.billing.issue(b.f.owner, t, APRIL));
                            } catch (Conflict alreadyDone) {
                                // the other run got there first
                            }
                        }
                        return made;
                    }));
                }
                start.countDown();
                List<String> numbers = new ArrayList<>();
                for (Future<List<Invoice>> r : runs) {
                    r.get().forEach(i -> numbers.add(i.number().orElseThrow()));
                }
                List<String> expected = new ArrayList<>();
                for (int i = 1; i <= all.size(); i++) {
                    expected.add(String.format("INV-%06d", i));
                }
                assertThat(numbers).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(b.billing.invoices(b.f.owner, Optional.of(APRIL)))
                        .extracting(Invoice::tenant)
                        .containsExactlyInAnyOrderElementsOf(all);
            } finally {
                pool.shutdown();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void rolesDecideWhoSeesAndWhoChangesAndTenantsStayApart(Backend backend) {
        try (Store s = backend.open(dir)) {
            BillingFixture b = new BillingFixture(s, dir);
            TenantId acme = b.f.acme;
            TenantId other = b.f.tenantNamed("=HYPERLINK(\"http://evil\")");
            Actor finance = b.userWithRole("fin@agency.test", "Fay Finance", acme, Role.FINANCE);
            Actor admin = b.userWithRole("ad@agency.test", "Al Admin", acme, Role.ADMIN);
            b.events(acme, EventType.SENT, 1_000);
            b.events(other, EventType.SENT, 2_000);
            b.f.clock.advance(java.time.Duration.ofDays(-30));
            assertThatThrownBy(() -> b.billing.createPlan(finance, "Mine", APRIL, PlanTerms.productDefault()))
                    .isInstanceOf(PermissionDenied.class);
            PricePlan plan = b.billing.createPlan(b.f.owner, "Volume", APRIL, PlanTerms.productDefault());
            assertThatThrownBy(() -> b.billing.assign(admin, acme, plan.id(), APRIL, TenantOverrides.NONE))
                    .isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> b.billing.assign(finance, other, plan.id(), APRIL, TenantOverrides.NONE))
                    .as("a tenant Finance has no role in does not exist for them")
                    .isInstanceOf(NotFound.class);
            b.billing.assign(b.f.owner, acme, plan.id(), APRIL, TenantOverrides.NONE);
            b.billing.assign(b.f.owner, other, plan.id(), APRIL, TenantOverrides.NONE);
            b.f.clock.advance(java.time.Duration.ofDays(30));

            assertThatThrownBy(() -> b.billing.issue(finance, acme, APRIL)).isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> b.billing.issueAll(b.f.editor, APRIL, (d, t) -> {}, new Cancellation()))
                    .isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> b.billing.exportCsv(b.f.editor, APRIL)).isInstanceOf(PermissionDenied.class);
            assertThat(b.billing.preview(finance, APRIL).invoices())
                    .extracting(Invoice::tenant)
                    .containsExactly(acme);
            b.billing.issueAll(b.f.owner, APRIL, (d, t) -> {}, new Cancellation());

            assertThat(b.billing.invoices(finance, Optional.empty()))
                    .extracting(Invoice::tenant)
                    .containsExactly(acme);
            assertThat(b.billing.invoices(b.f.editor, Optional.empty())).isEmpty();
            Invoice otherInv = b.billing.invoices(b.f.owner, Optional.empty()).stream()
                    .filter(i -> i.tenant().equals(other))
                    .findFirst()
                    .orElseThrow();
            assertThatThrownBy(() ->
                            b.billing.invoice(finance, other, otherInv.id().orElseThrow()))
                    .isInstanceOf(NotFound.class);
            assertThatThrownBy(
                            () -> b.billing.invoice(finance, acme, otherInv.id().orElseThrow()))
                    .as("an invoice id of another tenant is not found through this one")
                    .isInstanceOf(NotFound.class);

            String financeCsv = b.billing.exportCsv(finance, APRIL).rows().toString();
            assertThat(financeCsv).contains("Acme").doesNotContain("HYPERLINK");
            // The tenant's hostile name is in the owner's table as it is; the CSV writer neutralises it
            // (app's CsvTest).
            assertThat(b.billing.exportCsv(b.f.owner, APRIL).rows())
                    .anySatisfy(row -> assertThat(row).contains("=HYPERLINK(\"http://evil\")"));
            assertThat(b.f.tx.inTransaction(() -> b.f.auditStore.search(
                            AuditQuery.latest(200), dev.mailroom.model.access.TenantScope.everything())))
                    .extracting(e -> e.action())
                    .contains("billing.exported");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void settingsAndPlanVersionsRoundTrip(Backend backend) {
        try (Store s = backend.open(dir)) {
            BillingFixture b = new BillingFixture(s, dir);
            b.billing.saveSettings(
                    b.f.owner,
                    new BillingSettings(ZoneId.of("Europe/Berlin"), "MR-", "Agency GmbH", "Hauptstraße 1", "#aa3300"));
            PricePlan p = b.billing.createPlan(b.f.owner, "Steps", MAY, jangomail());
            PricePlan revised = b.billing.revisePlan(b.f.owner, p.id(), MAY.plusMonths(2), graduated());

            assertThat(b.billing.settings(b.f.owner).invoicePrefix()).isEqualTo("MR-");
            assertThat(b.billing.settings(b.f.owner).accentColor()).isEqualTo("#AA3300");
            assertThat(revised.versions()).hasSize(2);
            assertThat(revised.versionFor(MAY).orElseThrow().terms()).isEqualTo(jangomail());
            assertThat(revised.versionFor(MAY.plusMonths(1)).orElseThrow().terms())
                    .isEqualTo(jangomail());
            assertThat(revised.versionFor(MAY.plusMonths(5)).orElseThrow().terms())
                    .isEqualTo(graduated());
            assertThat(revised.versionFor(APRIL)).isEmpty();
            assertThatThrownBy(() -> b.billing.createPlan(b.f.owner, " steps ", MAY, jangomail()))
                    .isInstanceOf(Conflict.class);
        }
    }

    private static Invoice byTenant(MonthlyRun run, TenantId t) {
        return run.invoices().stream()
                .filter(i -> i.tenant().equals(t))
                .findFirst()
                .orElseThrow();
    }

    static final class InvoiceCalculatorSum {
        static BigDecimal of(Invoice i) {
            return dev.mailroom.model.billing.InvoiceCalculator.sum(i.lines());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theMarginIsBilledBeforeTaxAgainstTheSendingCostOfTheInvoicedVolume(Backend backend) {
        try (Store s = backend.open(dir)) {
            BillingFixture b = new BillingFixture(s, dir);
            TenantId acme = b.f.acme;
            TenantId one = b.f.tenantNamed("Agency One");
            TenantId two = b.f.tenantNamed("Agency Two");
            b.events(acme, EventType.SENT, 9_000);
            b.events(one, EventType.SENT, 5_300);
            b.events(two, EventType.SENT, 1_700);
            b.f.clock.advance(java.time.Duration.ofDays(-30));
            PricePlan steps = b.billing.createPlan(b.f.owner, "JangoMail-like", APRIL, jangomail());
            for (TenantId t : List.of(acme, one, two)) {
                b.billing.assign(b.f.owner, t, steps.id(), APRIL, TenantOverrides.NONE);
            }
            b.f.clock.advance(java.time.Duration.ofDays(30));
            b.billing.issueAll(b.f.owner, APRIL, (d, t) -> {}, new Cancellation());

            Currency usd = Currency.getInstance("USD");
            // A provider plan of $20 for 5,000 emails and $1 per 1,000 beyond: 9,000 cost 20 + 4 = $24.
            b.billing.setSendingCost(
                    b.f.owner, acme, Optional.of(new SendingCost(usd, new BigDecimal("20"), 5_000, BigDecimal.ONE)));
            b.billing.setSendingCost(
                    b.f.owner,
                    one,
                    Optional.of(new SendingCost(Currency.getInstance("EUR"), BigDecimal.TEN, 0, BigDecimal.ZERO)));
            assertThatThrownBy(() -> b.billing.setSendingCost(
                            b.f.owner,
                            two,
                            Optional.of(new SendingCost(usd, new BigDecimal("-1"), -5, BigDecimal.ZERO))))
                    .isInstanceOf(InvalidInput.class)
                    .satisfies(e ->
                            assertThat(((InvalidInput) e).problems()).containsOnlyKeys("costMonthly", "costIncluded"));

            List<TenantMargin> margin = b.billing.margin(b.f.owner, APRIL);
            assertThat(margin).hasSize(3);
            TenantMargin a = margin.stream()
                    .filter(m -> m.tenant().equals(acme))
                    .findFirst()
                    .orElseThrow();
            assertThat(a.volume()).isEqualTo(9_000);
            assertThat(a.billed()).isEqualByComparingTo("90.00"); // $30 setup + the 12,000 plan at $60
            assertThat(a.cost()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("24.00"));
            assertThat(a.margin()).hasValueSatisfying(m -> assertThat(m).isEqualByComparingTo("66.00"));
            TenantMargin o = margin.stream()
                    .filter(m -> m.tenant().equals(one))
                    .findFirst()
                    .orElseThrow();
            assertThat(o.cost()).as("never converted between currencies").isEmpty();
            assertThat(o.why()).isEqualTo("Cost in EUR, invoice in USD");
            TenantMargin t = margin.stream()
                    .filter(m -> m.tenant().equals(two))
                    .findFirst()
                    .orElseThrow();
            assertThat(t.cost()).isEmpty();
            assertThat(t.why()).isEqualTo("No sending cost set");

            // Clearing a cost, and who may see and set it: billing managers only, every change audited.
            b.billing.setSendingCost(b.f.owner, acme, Optional.empty());
            assertThat(b.billing.sendingCost(b.f.owner, acme)).isEmpty();
            Actor admin = b.userWithRole("ad2@agency.test", "Al Admin", acme, Role.ADMIN);
            assertThatThrownBy(() -> b.billing.margin(admin, APRIL)).isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> b.billing.setSendingCost(admin, acme, Optional.empty()))
                    .isInstanceOf(PermissionDenied.class);
            assertThat(s.transactions()
                            .inTransaction(
                                    () -> new dev.mailroom.persistence.audit.JooqAuditStore(s.transactions()).all()))
                    .extracting(dev.mailroom.model.audit.AuditEntry::action)
                    .filteredOn("billing.sending_cost_set"::equals)
                    .hasSize(3);
        }
    }
}
