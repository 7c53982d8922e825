package dev.mailroom.model.billing;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.billing.InvoiceLine.LineKind;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.Table;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The billing use cases. Who may do what (PRODUCT.md's role table):
 *
 * <ul>
 *   <li>price plans and the agency's billing settings are agency-wide: the agency owner changes them;
 *       anyone who may see usage in some tenant may read them;
 *   <li>a tenant's plan assignment, issuing, voiding, crediting and marking paid: {@link
 *       Permission#BILLING_MANAGE} in that tenant (Owner);
 *   <li>previews and the invoices list: {@link Permission#USAGE_VIEW} (Owner, Admin, Finance);
 *   <li>CSV and PDF exports: {@link Permission#BILLING_EXPORT} (Owner, Admin, Finance).
 * </ul>
 *
 * Every change is audited in its own transaction. An issued invoice is never changed: corrections are
 * credit notes, with their own numbers from the same sequence.
 */
public final class BillingService {
    private final BillingStore store;
    private final TenantStore tenants;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;

    public BillingService(
            BillingStore store,
            TenantStore tenants,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    // ---- settings and plans (agency-wide) ----

    public BillingSettings settings(Actor actor) {
        return tx.inTransaction(() -> {
            requireSomeTenant(actor, Permission.USAGE_VIEW);
            return store.settings();
        });
    }

    public void saveSettings(Actor actor, BillingSettings settings) {
        String prefix = settings.invoicePrefix().strip();
        if (prefix.length() > 12
                || !prefix.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '/'))) {
            throw new InvalidInput("invoicePrefix", "Use up to 12 letters, digits, '-' or '/' for the number prefix.");
        }
        if (!settings.accentColor().matches("#[0-9A-Fa-f]{6}")) {
            throw new InvalidInput("accentColor", "Give the colour as #RRGGBB.");
        }
        if (settings.issuerName().strip().length() > 200
                || settings.issuerDetails().strip().length() > 2000) {
            throw new InvalidInput("issuerName", "Keep the name under 200 and the details under 2,000 characters.");
        }
        BillingSettings clean = new BillingSettings(
                settings.zone(),
                prefix,
                settings.issuerName().strip(),
                settings.issuerDetails().strip(),
                settings.accentColor().toUpperCase(java.util.Locale.ROOT));
        tx.run(() -> {
            access.requireAgencyOwner(actor);
            store.saveSettings(clean);
            audit.record(
                    actor,
                    "billing.settings_changed",
                    "billing",
                    Map.of("zone", clean.zone().getId(), "prefix", clean.invoicePrefix()));
        });
    }

    public List<PricePlan> plans(Actor actor) {
        return tx.inTransaction(() -> {
            requireSomeTenant(actor, Permission.USAGE_VIEW);
            return store.plans();
        });
    }

    /**
     * A new plan, in force from {@code from}. Any month will do, also a past one (an agency starting
     * with Mailroom bills the month just gone): no invoice can refer to a plan that did not exist.
     */
    public PricePlan createPlan(Actor actor, String name, YearMonth from, PlanTerms terms) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 80) {
            throw new InvalidInput("name", "Give the plan a name of 1 to 80 characters.");
        }
        terms.validate();
        return tx.inTransaction(() -> {
            access.requireAgencyOwner(actor);
            if (store.findPlanByNameKey(Text.key(n)).isPresent()) {
                throw new Conflict("There is already a plan called “" + n + "”.");
            }
            PlanId id = store.insertPlan(n, clock.instant());
            store.putVersion(id, new PlanVersion(from, terms));
            audit.record(actor, "billing.plan_created", n, describe(from, terms));
            return store.findPlan(id).orElseThrow();
        });
    }

    /**
     * New terms for a plan from {@code from} on. Months before it keep the terms they had, so no issued
     * invoice is affected: only this month or later may be changed, and only finished months are invoiced.
     */
    public PricePlan revisePlan(Actor actor, PlanId plan, YearMonth from, PlanTerms terms) {
        terms.validate();
        return tx.inTransaction(() -> {
            access.requireAgencyOwner(actor);
            requireNotPast(from, "from");
            PricePlan p = store.findPlan(plan).orElseThrow(() -> new NotFound("That price plan no longer exists."));
            store.putVersion(plan, new PlanVersion(from, terms));
            audit.record(actor, "billing.plan_revised", p.name(), describe(from, terms));
            return store.findPlan(plan).orElseThrow();
        });
    }

    // ---- assignments (per tenant) ----

    public void assign(Actor actor, TenantId tenant, PlanId plan, YearMonth from, TenantOverrides overrides) {
        Map<String, String> problems = new LinkedHashMap<>();
        overrides
                .setupFee()
                .filter(v -> v.signum() < 0)
                .ifPresent(v -> problems.put("setupFee", "The setup fee cannot be negative."));
        overrides
                .monthlyRetainer()
                .filter(v -> v.signum() < 0)
                .ifPresent(v -> problems.put("retainer", "The retainer cannot be negative."));
        overrides
                .taxRatePercent()
                .filter(v -> v.signum() < 0 || v.compareTo(BigDecimal.valueOf(100)) > 0)
                .ifPresent(v -> problems.put("taxRate", "The tax rate is a percentage from 0 to 100."));
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        tx.run(() -> {
            access.require(actor, tenant, Permission.BILLING_MANAGE);
            // A past month is fine as long as nothing from it on has been invoiced (a new client's first
            // month); an invoiced month keeps the plan it was invoiced on.
            Optional<YearMonth> invoiced = store.lastInvoicedMonth(tenant);
            if (invoiced.isPresent() && !from.isAfter(invoiced.get())) {
                throw new InvalidInput(
                        "from",
                        "This client is invoiced up to " + invoiced.get() + "; a new plan can start from "
                                + invoiced.get().plusMonths(1) + " (void that invoice first to re-bill it).");
            }
            PricePlan p = store.findPlan(plan).orElseThrow(() -> new NotFound("That price plan no longer exists."));
            store.putAssignment(new PlanAssignment(tenant, plan, from, overrides));
            Map<String, String> details = new LinkedHashMap<>();
            details.put("plan", p.name());
            details.put("from", from.toString());
            overrides.setupFee().ifPresent(v -> details.put("setup fee", v.toPlainString()));
            overrides.monthlyRetainer().ifPresent(v -> details.put("retainer", v.toPlainString()));
            overrides.taxRatePercent().ifPresent(v -> details.put("tax rate", v.toPlainString()));
            audit.record(actor, tenant, tenantName(tenant), "billing.plan_assigned", p.name(), details);
        });
    }

    public List<PlanAssignment> assignments(Actor actor, TenantId tenant) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.USAGE_VIEW);
            return store.assignments(tenant);
        });
    }

    // ---- the monthly run ----

    /** What issuing {@code month} would make, without saving anything: drafts for the tenants the actor may see usage of. */
    public MonthlyRun preview(Actor actor, YearMonth month) {
        return tx.inTransaction(() -> {
            TenantScope scope = access.tenantsWhere(actor, Permission.USAGE_VIEW);
            List<Invoice> drafts = new ArrayList<>();
            List<MonthlyRun.Skipped> skipped = new ArrayList<>();
            for (Tenant t : tenants.list(scope)) {
                Optional<Invoice> live = store.liveInvoice(t.id(), month);
                if (live.isPresent()) {
                    skipped.add(new MonthlyRun.Skipped(
                            t.id(),
                            t.name(),
                            "already invoiced as " + live.get().displayNumber()));
                    continue;
                }
                draft(t, month)
                        .ifPresentOrElse(
                                drafts::add,
                                () -> skipped.add(new MonthlyRun.Skipped(t.id(), t.name(), "no plan for " + month)));
            }
            return new MonthlyRun(drafts, skipped, false);
        });
    }

    /**
     * Issues the month's invoice for one tenant: the month must be over, the tenant must have a plan and
     * no live invoice for it. Takes the next number in the same transaction as the insert.
     */
    public Invoice issue(Actor actor, TenantId tenant, YearMonth month) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.BILLING_MANAGE);
            requireOver(month);
            Tenant t = tenants.find(tenant).orElseThrow(() -> new NotFound("No such client."));
            // The sequence lock first: a second issuer waits here, then sees this one's invoice.
            long sequence = store.takeNextNumber();
            Optional<Invoice> live = store.liveInvoice(tenant, month);
            if (live.isPresent()) {
                throw new Conflict(
                        t.name() + " already has invoice " + live.get().displayNumber() + " for " + month + ".");
            }
            Invoice draft = draft(t, month)
                    .orElseThrow(
                            () -> new Conflict(t.name() + " has no price plan for " + month + "; assign one first."));
            return insert(actor, draft, sequence, "billing.invoice_issued");
        });
    }

    /**
     * Issues the month for every tenant the actor may bill, one transaction per tenant, reporting
     * progress as (done, total) and stopping between tenants when cancelled. Tenants already invoiced or
     * without a plan are listed as skipped, not failed, so a run can be repeated safely.
     */
    public MonthlyRun issueAll(
            Actor actor, YearMonth month, BiConsumer<Integer, Integer> progress, Cancellation cancel) {
        requireOver(month);
        List<Tenant> billable =
                tx.inTransaction(() -> tenants.list(access.tenantsWhere(actor, Permission.BILLING_MANAGE)));
        if (billable.isEmpty()) {
            throw new PermissionDenied("Your role does not allow issuing invoices in any client.");
        }
        List<Invoice> issued = new ArrayList<>();
        List<MonthlyRun.Skipped> skipped = new ArrayList<>();
        int done = 0;
        for (Tenant t : billable) {
            if (cancel.isCancelled()) {
                return new MonthlyRun(issued, skipped, true);
            }
            try {
                issued.add(issue(actor, t.id(), month));
            } catch (Conflict e) {
                skipped.add(new MonthlyRun.Skipped(t.id(), t.name(), e.getMessage()));
            }
            progress.accept(++done, billable.size());
        }
        return new MonthlyRun(issued, skipped, false);
    }

    // ---- after issue: paid, void, credit notes ----

    public Invoice markPaid(Actor actor, TenantId tenant, InvoiceId id) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.BILLING_MANAGE);
            Invoice inv = find(tenant, id);
            if (inv.kind() != InvoiceKind.INVOICE
                    || !store.changeStatus(tenant, id, InvoiceStatus.ISSUED, InvoiceStatus.PAID, clock.instant())) {
                throw new Conflict("Only an issued invoice can be marked paid; " + inv.displayNumber() + " is "
                        + inv.status().label().toLowerCase() + ".");
            }
            audit.record(
                    actor,
                    tenant,
                    inv.tenantName(),
                    "billing.invoice_paid",
                    inv.displayNumber(),
                    Map.of("total", money(inv.total(), inv)));
            return find(tenant, id);
        });
    }

    /**
     * Voids an issued, unpaid invoice: it keeps its number and content, becomes void, and a credit note
     * for whatever is still owed on it is issued. The month can then be invoiced again.
     */
    public Invoice voidInvoice(Actor actor, TenantId tenant, InvoiceId id, String reason) {
        String why = requireReason(reason);
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.BILLING_MANAGE);
            long sequence = store.takeNextNumber();
            Invoice inv = find(tenant, id);
            if (inv.kind() != InvoiceKind.INVOICE
                    || !store.changeStatus(tenant, id, InvoiceStatus.ISSUED, InvoiceStatus.VOID, clock.instant())) {
                throw new Conflict("Only an issued, unpaid invoice can be voided; " + inv.displayNumber() + " is "
                        + inv.status().label().toLowerCase() + ".");
            }
            BigDecimal owed = inv.total().add(credited(tenant, id));
            Invoice note = creditNoteDraft(inv, owed, "Voided: " + why);
            Invoice saved = insert(actor, note, sequence, "billing.credit_note_issued");
            audit.record(
                    actor,
                    tenant,
                    inv.tenantName(),
                    "billing.invoice_voided",
                    inv.displayNumber(),
                    Map.of("reason", why, "credit note", saved.displayNumber()));
            return saved;
        });
    }

    /** A credit note for part of an issued or paid invoice (at most what has not been credited yet). */
    public Invoice creditNote(Actor actor, TenantId tenant, InvoiceId id, BigDecimal amount, String reason) {
        String why = requireReason(reason);
        if (amount == null || amount.signum() <= 0) {
            throw new InvalidInput("amount", "Credit a positive amount.");
        }
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.BILLING_MANAGE);
            long sequence = store.takeNextNumber();
            Invoice inv = find(tenant, id);
            if (inv.kind() != InvoiceKind.INVOICE
                    || inv.status() == InvoiceStatus.VOID
                    || inv.status() == InvoiceStatus.DRAFT) {
                throw new Conflict("Only an issued or paid invoice can be credited.");
            }
            int scale = Math.max(0, inv.currency().getDefaultFractionDigits());
            if (amount.stripTrailingZeros().scale() > scale) {
                throw new InvalidInput(
                        "amount",
                        "Give the amount in whole " + (scale == 0 ? "units" : "cents") + " of "
                                + inv.currency().getCurrencyCode() + ".");
            }
            BigDecimal left = inv.total().add(credited(tenant, id));
            if (amount.compareTo(left) > 0) {
                throw new InvalidInput(
                        "amount", "At most " + money(left, inv) + " is left to credit on " + inv.displayNumber() + ".");
            }
            return insert(
                    actor, creditNoteDraft(inv, amount.setScale(scale), why), sequence, "billing.credit_note_issued");
        });
    }

    // ---- the agency's margin ----

    /** The client's sending cost (what the agency pays for its sending), if set. */
    public Optional<SendingCost> sendingCost(Actor actor, TenantId tenant) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.BILLING_MANAGE);
            return store.sendingCost(tenant);
        });
    }

    /** Sets or (with empty) clears what the agency pays for the client's sending; audited. */
    public void setSendingCost(Actor actor, TenantId tenant, Optional<SendingCost> cost) {
        cost.ifPresent(SendingCost::validate);
        tx.run(() -> {
            access.require(actor, tenant, Permission.BILLING_MANAGE);
            Tenant t = tenants.find(tenant).orElseThrow(() -> new NotFound("That client no longer exists."));
            store.putSendingCost(tenant, cost, clock.instant());
            audit.record(
                    actor,
                    tenant,
                    t.name(),
                    "billing.sending_cost_set",
                    "sending cost",
                    cost.<Map<String, String>>map(c -> Map.of(
                                    "monthly",
                                            c.monthlyPrice().toPlainString() + " "
                                                    + c.currency().getCurrencyCode(),
                                    "included", String.valueOf(c.includedEmails()),
                                    "overage per 1,000", c.overagePer1000().toPlainString()))
                            .orElse(Map.of("cleared", "yes")));
        });
    }

    /**
     * Each client's month for the agency, for the clients whose billing the actor manages: billed (the
     * month's invoices and credit notes before tax, void ones left out) against the sending cost of the
     * volume the invoice counted. A client with no invoice that month is not listed.
     */
    public List<TenantMargin> margin(Actor actor, YearMonth month) {
        return tx.inTransaction(() -> {
            requireSomeTenant(actor, Permission.BILLING_MANAGE);
            TenantScope scope = access.tenantsWhere(actor, Permission.BILLING_MANAGE);
            Map<TenantId, List<Invoice>> byTenant = new LinkedHashMap<>();
            for (Invoice i : store.agencyInvoices(scope, Optional.of(month))) {
                if (i.status() != InvoiceStatus.VOID && i.status() != InvoiceStatus.DRAFT) {
                    byTenant.computeIfAbsent(i.tenant(), k -> new ArrayList<>()).add(i);
                }
            }
            List<TenantMargin> out = new ArrayList<>();
            for (Map.Entry<TenantId, List<Invoice>> e : byTenant.entrySet()) {
                List<Invoice> list = e.getValue();
                Invoice main = list.stream()
                        .filter(i -> i.kind() == InvoiceKind.INVOICE)
                        .findFirst()
                        .orElse(list.get(0));
                BigDecimal billed = list.stream().map(Invoice::subtotal).reduce(BigDecimal.ZERO, BigDecimal::add);
                Optional<SendingCost> cost = store.sendingCost(e.getKey());
                Optional<BigDecimal> amount = Optional.empty();
                String why = "";
                if (cost.isEmpty()) {
                    why = "No sending cost set";
                } else if (!cost.get().currency().equals(main.currency())) {
                    why = "Cost in " + cost.get().currency().getCurrencyCode() + ", invoice in "
                            + main.currency().getCurrencyCode();
                } else {
                    amount = Optional.of(cost.get().cost(main.volume()));
                }
                out.add(new TenantMargin(
                        e.getKey(),
                        main.tenantName(),
                        main.currency(),
                        main.volume(),
                        billed,
                        amount,
                        why,
                        amount.isPresent() ? cost : Optional.empty()));
            }
            out.sort(java.util.Comparator.comparing(TenantMargin::tenantName, String.CASE_INSENSITIVE_ORDER));
            return out;
        });
    }

    // ---- reading and exporting ----

    /** Invoices and credit notes of the tenants where the actor may see usage, newest first. */
    public List<Invoice> invoices(Actor actor, Optional<YearMonth> month) {
        return tx.inTransaction(() -> store.agencyInvoices(access.tenantsWhere(actor, Permission.USAGE_VIEW), month));
    }

    public Invoice invoice(Actor actor, TenantId tenant, InvoiceId id) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.USAGE_VIEW);
            return find(tenant, id);
        });
    }

    /** The month's invoices and credit notes as the table of a CSV for the agency's accounting; audited. */
    public Table exportCsv(Actor actor, YearMonth month) {
        return tx.inTransaction(() -> {
            TenantScope scope = access.tenantsWhere(actor, Permission.BILLING_EXPORT);
            if (!scope.all() && scope.tenants().isEmpty()) {
                throw new PermissionDenied("Your role does not allow billing exports.");
            }
            List<Invoice> list = store.agencyInvoices(scope, Optional.of(month));
            audit.record(actor, "billing.exported", month.toString(), Map.of("invoices", String.valueOf(list.size())));
            return BillingCsv.of(list);
        });
    }

    /** For exports of one invoice (PDF): checks the permission and audits, returning the invoice and settings. */
    public Exported exportInvoice(Actor actor, TenantId tenant, InvoiceId id) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.BILLING_EXPORT);
            Invoice inv = find(tenant, id);
            audit.record(actor, tenant, inv.tenantName(), "billing.invoice_exported", inv.displayNumber(), Map.of());
            return new Exported(inv, store.settings());
        });
    }

    public record Exported(Invoice invoice, BillingSettings settings) {}

    /** The month that was last over in the agency's time zone: what a run would normally invoice. */
    public YearMonth lastFinishedMonth() {
        return tx.inTransaction(() -> YearMonth.from(today()).minusMonths(1));
    }

    // ---- inside ----

    private Optional<Invoice> draft(Tenant t, YearMonth month) {
        Optional<PlanAssignment> a = store.assignmentFor(t.id(), month);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        PricePlan plan = store.findPlan(a.get().plan()).orElseThrow();
        Optional<PlanVersion> version = plan.versionFor(month);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        PlanTerms terms = a.get().overrides().applyTo(version.get().terms());
        long volume = store.totals(t.id(), BillingSettings.firstDay(month), BillingSettings.dayAfter(month))
                .count(terms.billable().counts());
        InvoiceCalculator.Computed c = InvoiceCalculator.compute(terms, volume, !store.setupFeeBilled(t.id()));
        return Optional.of(new Invoice(
                Optional.empty(),
                t.id(),
                t.name(),
                InvoiceKind.INVOICE,
                Optional.empty(),
                month,
                InvoiceStatus.DRAFT,
                terms.currency(),
                plan.name(),
                terms.billable(),
                volume,
                c.lines(),
                c.subtotal(),
                c.tax(),
                c.total(),
                terms.roundingRule(),
                Optional.empty(),
                "",
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    }

    private Invoice creditNoteDraft(Invoice inv, BigDecimal amount, String why) {
        BigDecimal negative = amount.negate();
        InvoiceLine line = new InvoiceLine(
                1,
                LineKind.CREDIT,
                "Credit on " + inv.displayNumber() + ": " + why,
                BigDecimal.ONE,
                "once",
                negative,
                negative);
        return new Invoice(
                Optional.empty(),
                inv.tenant(),
                inv.tenantName(),
                InvoiceKind.CREDIT_NOTE,
                Optional.empty(),
                inv.month(),
                InvoiceStatus.DRAFT,
                inv.currency(),
                inv.planName(),
                inv.billable(),
                0,
                List.of(line),
                negative,
                BigDecimal.ZERO.setScale(negative.scale()),
                negative,
                inv.roundingRule(),
                inv.id(),
                why,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private Invoice insert(Actor actor, Invoice draft, long sequence, String action) {
        String number = store.settings().invoiceNumber(sequence);
        Invoice stamped = draft.withIssue(new InvoiceId(0), number, clock.instant());
        InvoiceId id = store.insertIssued(stamped);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("month", draft.month().toString());
        details.put("total", money(draft.total(), draft));
        details.put("lines", String.valueOf(draft.lines().size()));
        draft.corrects().ifPresent(c -> details.put("corrects", c.toString()));
        audit.record(actor, draft.tenant(), draft.tenantName(), action, number, details);
        return find(draft.tenant(), id);
    }

    /** The sum of the credit notes against an invoice (zero or negative). */
    private BigDecimal credited(TenantId tenant, InvoiceId id) {
        return store.creditNotesFor(tenant, id).stream().map(Invoice::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private Invoice find(TenantId tenant, InvoiceId id) {
        return store.findInvoice(tenant, id).orElseThrow(() -> new NotFound("No such invoice in this client."));
    }

    private LocalDate today() {
        return clock.instant().atZone(store.settings().zone()).toLocalDate();
    }

    private void requireNotPast(YearMonth from, String field) {
        if (from.isBefore(YearMonth.from(today()))) {
            throw new InvalidInput(
                    field,
                    "Changes take effect this month or later; " + from + " is over (invoices for it stand as issued).");
        }
    }

    /**
     * A month may be invoiced once it is over both in the agency's time zone and in UTC (the roll-ups'
     * days are UTC days, so the last one must be complete too).
     */
    private void requireOver(YearMonth month) {
        LocalDate local = tx.inTransaction(this::today);
        LocalDate utc = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        if (!local.isAfter(month.atEndOfMonth()) || !utc.isAfter(month.atEndOfMonth())) {
            throw new InvalidInput(
                    "month",
                    month + " is not over yet; it can be invoiced from "
                            + month.plusMonths(1).atDay(1) + ".");
        }
    }

    private void requireSomeTenant(Actor actor, Permission permission) {
        TenantScope scope = access.tenantsWhere(actor, permission);
        if (!scope.all() && scope.tenants().isEmpty()) {
            throw new PermissionDenied("Your role does not include billing.");
        }
    }

    private static String requireReason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.length() < 3 || why.length() > 300) {
            throw new InvalidInput("reason", "Say why in 3 to 300 characters; the client sees it on the credit note.");
        }
        return why;
    }

    private String tenantName(TenantId tenant) {
        return tenants.find(tenant).map(Tenant::name).orElse(tenant.toString());
    }

    private static String money(BigDecimal amount, Invoice inv) {
        return amount.toPlainString() + " " + inv.currency().getCurrencyCode();
    }

    private static Map<String, String> describe(YearMonth from, PlanTerms t) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("from", from.toString());
        d.put("currency", t.currency().getCurrencyCode());
        d.put(
                "pricing",
                t.pricing() instanceof Pricing.Tiered tiered
                        ? tiered.mode().name().toLowerCase() + " tiers"
                        : "steps");
        d.put("bills", t.billable().name().toLowerCase());
        d.put("setup fee", t.setupFee().toPlainString());
        d.put("retainer", t.monthlyRetainer().toPlainString());
        d.put("tax rate", t.taxRatePercent().toPlainString());
        return d;
    }
}
