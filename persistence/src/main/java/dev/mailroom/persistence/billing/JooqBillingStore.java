package dev.mailroom.persistence.billing;

import static dev.mailroom.persistence.jooq.Tables.BILLING_SENDING_COST;
import static dev.mailroom.persistence.jooq.Tables.BILLING_SETTINGS;
import static dev.mailroom.persistence.jooq.Tables.INVOICE;
import static dev.mailroom.persistence.jooq.Tables.INVOICE_LINE;
import static dev.mailroom.persistence.jooq.Tables.PRICE_PLAN;
import static dev.mailroom.persistence.jooq.Tables.PRICE_PLAN_ROW;
import static dev.mailroom.persistence.jooq.Tables.PRICE_PLAN_VERSION;
import static dev.mailroom.persistence.jooq.Tables.TENANT_DAILY;
import static dev.mailroom.persistence.jooq.Tables.TENANT_PLAN;

import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.activity.EventTotals;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.billing.BillableEvent;
import dev.mailroom.model.billing.BillingSettings;
import dev.mailroom.model.billing.BillingStore;
import dev.mailroom.model.billing.Invoice;
import dev.mailroom.model.billing.InvoiceId;
import dev.mailroom.model.billing.InvoiceKind;
import dev.mailroom.model.billing.InvoiceLine;
import dev.mailroom.model.billing.InvoiceStatus;
import dev.mailroom.model.billing.PlanAssignment;
import dev.mailroom.model.billing.PlanId;
import dev.mailroom.model.billing.PlanTerms;
import dev.mailroom.model.billing.PlanVersion;
import dev.mailroom.model.billing.PricePlan;
import dev.mailroom.model.billing.Pricing;
import dev.mailroom.model.billing.ReportSender;
import dev.mailroom.model.billing.SendingCost;
import dev.mailroom.model.billing.Step;
import dev.mailroom.model.billing.TenantOverrides;
import dev.mailroom.model.billing.Tier;
import dev.mailroom.model.billing.TierMode;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.persistence.activity.JooqEventStore;
import dev.mailroom.persistence.jooq.tables.records.InvoiceRecord;
import dev.mailroom.persistence.jooq.tables.records.PricePlanVersionRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Plans, assignments and invoices over jOOQ. Issued invoices are inserted once; only their status changes. */
public final class JooqBillingStore implements BillingStore {
    private static final EventType[] TYPES = EventType.values();
    private final JooqTransactions tx;

    public JooqBillingStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public BillingSettings settings() {
        return tx.dsl()
                .selectFrom(BILLING_SETTINGS)
                .where(BILLING_SETTINGS.ID.eq(1))
                .fetchOptional(r -> new BillingSettings(
                        ZoneId.of(r.getTimeZone()),
                        r.getInvoicePrefix(),
                        r.getIssuerName(),
                        r.getIssuerDetails(),
                        r.getAccentColor()))
                .orElse(BillingSettings.DEFAULT);
    }

    @Override
    public void saveSettings(BillingSettings s) {
        tx.dsl()
                .update(BILLING_SETTINGS)
                .set(BILLING_SETTINGS.TIME_ZONE, s.zone().getId())
                .set(BILLING_SETTINGS.INVOICE_PREFIX, s.invoicePrefix())
                .set(BILLING_SETTINGS.ISSUER_NAME, s.issuerName())
                .set(BILLING_SETTINGS.ISSUER_DETAILS, s.issuerDetails())
                .set(BILLING_SETTINGS.ACCENT_COLOR, s.accentColor())
                .where(BILLING_SETTINGS.ID.eq(1))
                .execute();
    }

    @Override
    public Optional<ReportSender> reportSender() {
        return tx.dsl()
                .selectFrom(BILLING_SETTINGS)
                .where(BILLING_SETTINGS.ID.eq(1))
                .fetchOptional()
                .filter(r -> r.getReportTenantId() != null
                        && r.getReportConnectionId() != null
                        && r.getReportFromAddress() != null)
                .map(r -> new ReportSender(
                        new TenantId(r.getReportTenantId()),
                        new ConnectionId(r.getReportConnectionId()),
                        r.getReportFromAddress(),
                        r.getReportFromName()));
    }

    @Override
    public void saveReportSender(Optional<ReportSender> sender) {
        tx.dsl()
                .update(BILLING_SETTINGS)
                .set(
                        BILLING_SETTINGS.REPORT_TENANT_ID,
                        sender.map(s -> s.tenant().value()).orElse(null))
                .set(
                        BILLING_SETTINGS.REPORT_CONNECTION_ID,
                        sender.map(s -> s.connection().value()).orElse(null))
                .set(
                        BILLING_SETTINGS.REPORT_FROM_ADDRESS,
                        sender.map(ReportSender::fromAddress).orElse(null))
                .set(
                        BILLING_SETTINGS.REPORT_FROM_NAME,
                        sender.map(ReportSender::fromName).orElse(null))
                .where(BILLING_SETTINGS.ID.eq(1))
                .execute();
    }

    @Override
    public PlanId insertPlan(String name, Instant createdAt) {
        return new PlanId(tx.dsl()
                .insertInto(PRICE_PLAN)
                .set(PRICE_PLAN.NAME, name)
                .set(PRICE_PLAN.NAME_KEY, Text.key(name))
                .set(PRICE_PLAN.CREATED_AT, Times.toDb(createdAt))
                .returning(PRICE_PLAN.ID)
                .fetchOne(PRICE_PLAN.ID));
    }

    @Override
    public void putVersion(PlanId plan, PlanVersion version) {
        var d = tx.dsl();
        String month = version.effectiveFrom().toString();
        d.deleteFrom(PRICE_PLAN_ROW)
                .where(PRICE_PLAN_ROW.PLAN_ID.eq(plan.value()))
                .and(PRICE_PLAN_ROW.EFFECTIVE_MONTH.eq(month))
                .execute();
        d.deleteFrom(PRICE_PLAN_VERSION)
                .where(PRICE_PLAN_VERSION.PLAN_ID.eq(plan.value()))
                .and(PRICE_PLAN_VERSION.EFFECTIVE_MONTH.eq(month))
                .execute();
        PlanTerms t = version.terms();
        var insert = d.insertInto(PRICE_PLAN_VERSION)
                .set(PRICE_PLAN_VERSION.PLAN_ID, plan.value())
                .set(PRICE_PLAN_VERSION.EFFECTIVE_MONTH, month)
                .set(PRICE_PLAN_VERSION.CURRENCY, t.currency().getCurrencyCode())
                .set(PRICE_PLAN_VERSION.BILLABLE, t.billable().name())
                .set(PRICE_PLAN_VERSION.SETUP_FEE, t.setupFee())
                .set(PRICE_PLAN_VERSION.RETAINER, t.monthlyRetainer())
                .set(PRICE_PLAN_VERSION.TAX_RATE, t.taxRatePercent())
                .set(PRICE_PLAN_VERSION.ROUNDING, t.rounding().name());
        List<Object[]> rows = new ArrayList<>();
        if (t.pricing() instanceof Pricing.Tiered tiered) {
            insert.set(PRICE_PLAN_VERSION.PRICING, "TIERED")
                    .set(PRICE_PLAN_VERSION.TIER_MODE, tiered.mode().name())
                    .execute();
            for (Tier tier : tiered.tiers()) {
                rows.add(new Object[] {tier.upTo().isPresent() ? tier.upTo().getAsLong() : null, tier.pricePer1000()});
            }
        } else if (t.pricing() instanceof Pricing.Steps steps) {
            insert.set(PRICE_PLAN_VERSION.PRICING, "STEPS")
                    .set(PRICE_PLAN_VERSION.COMMITTED_EMAILS, steps.committedEmails())
                    .set(PRICE_PLAN_VERSION.OVERAGE_PER_1000, steps.overagePer1000())
                    .execute();
            for (Step s : steps.steps()) {
                rows.add(new Object[] {s.includedEmails(), s.monthlyPrice()});
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            d.insertInto(PRICE_PLAN_ROW)
                    .set(PRICE_PLAN_ROW.PLAN_ID, plan.value())
                    .set(PRICE_PLAN_ROW.EFFECTIVE_MONTH, month)
                    .set(PRICE_PLAN_ROW.POSITION, i)
                    .set(PRICE_PLAN_ROW.UP_TO, (Long) rows.get(i)[0])
                    .set(PRICE_PLAN_ROW.PRICE, (BigDecimal) rows.get(i)[1])
                    .execute();
        }
    }

    @Override
    public Optional<PricePlan> findPlan(PlanId plan) {
        return plansWhere(PRICE_PLAN.ID.eq(plan.value())).stream().findFirst();
    }

    @Override
    public Optional<PricePlan> findPlanByNameKey(String nameKey) {
        return plansWhere(PRICE_PLAN.NAME_KEY.eq(nameKey)).stream().findFirst();
    }

    @Override
    public List<PricePlan> plans() {
        return plansWhere(DSL.noCondition());
    }

    private List<PricePlan> plansWhere(Condition where) {
        var d = tx.dsl();
        List<PricePlan> out = new ArrayList<>();
        for (var p : d.selectFrom(PRICE_PLAN)
                .where(where)
                .orderBy(PRICE_PLAN.NAME_KEY)
                .fetch()) {
            List<PlanVersion> versions = new ArrayList<>();
            for (PricePlanVersionRecord v : d.selectFrom(PRICE_PLAN_VERSION)
                    .where(PRICE_PLAN_VERSION.PLAN_ID.eq(p.getId()))
                    .orderBy(PRICE_PLAN_VERSION.EFFECTIVE_MONTH)
                    .fetch()) {
                var rows = d.selectFrom(PRICE_PLAN_ROW)
                        .where(PRICE_PLAN_ROW.PLAN_ID.eq(p.getId()))
                        .and(PRICE_PLAN_ROW.EFFECTIVE_MONTH.eq(v.getEffectiveMonth()))
                        .orderBy(PRICE_PLAN_ROW.POSITION)
                        .fetch();
                Pricing pricing;
                if ("STEPS".equals(v.getPricing())) {
                    pricing = new Pricing.Steps(
                            rows.stream()
                                    .map(r -> new Step(r.getUpTo(), plain(r.getPrice())))
                                    .toList(),
                            v.getCommittedEmails(),
                            plain(v.getOveragePer_1000()));
                } else {
                    pricing = new Pricing.Tiered(
                            TierMode.valueOf(v.getTierMode()),
                            rows.stream()
                                    .map(r -> new Tier(
                                            r.getUpTo() == null ? OptionalLong.empty() : OptionalLong.of(r.getUpTo()),
                                            plain(r.getPrice())))
                                    .toList());
                }
                versions.add(new PlanVersion(
                        YearMonth.parse(v.getEffectiveMonth()),
                        new PlanTerms(
                                Currency.getInstance(v.getCurrency()),
                                pricing,
                                BillableEvent.valueOf(v.getBillable()),
                                plain(v.getSetupFee()),
                                plain(v.getRetainer()),
                                plain(v.getTaxRate()),
                                RoundingMode.valueOf(v.getRounding()))));
            }
            out.add(new PricePlan(new PlanId(p.getId()), p.getName(), versions));
        }
        return out;
    }

    @Override
    public void putAssignment(PlanAssignment a) {
        var d = tx.dsl();
        d.deleteFrom(TENANT_PLAN)
                .where(TENANT_PLAN.TENANT_ID.eq(a.tenant().value()))
                .and(TENANT_PLAN.EFFECTIVE_MONTH.eq(a.effectiveFrom().toString()))
                .execute();
        d.insertInto(TENANT_PLAN)
                .set(TENANT_PLAN.TENANT_ID, a.tenant().value())
                .set(TENANT_PLAN.EFFECTIVE_MONTH, a.effectiveFrom().toString())
                .set(TENANT_PLAN.PLAN_ID, a.plan().value())
                .set(TENANT_PLAN.SETUP_FEE, a.overrides().setupFee().orElse(null))
                .set(TENANT_PLAN.RETAINER, a.overrides().monthlyRetainer().orElse(null))
                .set(TENANT_PLAN.TAX_RATE, a.overrides().taxRatePercent().orElse(null))
                .execute();
    }

    @Override
    public Optional<PlanAssignment> assignmentFor(TenantId tenant, YearMonth month) {
        return tx.dsl()
                .selectFrom(TENANT_PLAN)
                .where(TENANT_PLAN.TENANT_ID.eq(tenant.value()))
                .and(TENANT_PLAN.EFFECTIVE_MONTH.le(month.toString()))
                .orderBy(TENANT_PLAN.EFFECTIVE_MONTH.desc())
                .limit(1)
                .fetchOptional(JooqBillingStore::toAssignment);
    }

    @Override
    public List<PlanAssignment> assignments(TenantId tenant) {
        return tx.dsl()
                .selectFrom(TENANT_PLAN)
                .where(TENANT_PLAN.TENANT_ID.eq(tenant.value()))
                .orderBy(TENANT_PLAN.EFFECTIVE_MONTH)
                .fetch(JooqBillingStore::toAssignment);
    }

    private static PlanAssignment toAssignment(dev.mailroom.persistence.jooq.tables.records.TenantPlanRecord r) {
        return new PlanAssignment(
                new TenantId(r.getTenantId()),
                new PlanId(r.getPlanId()),
                YearMonth.parse(r.getEffectiveMonth()),
                new TenantOverrides(
                        Optional.ofNullable(r.getSetupFee()).map(JooqBillingStore::plain),
                        Optional.ofNullable(r.getRetainer()).map(JooqBillingStore::plain),
                        Optional.ofNullable(r.getTaxRate()).map(JooqBillingStore::plain)));
    }

    @Override
    public EventTotals totals(TenantId tenant, LocalDate from, LocalDate until) {
        // One primary-key look-up per day (the key is day first, then tenant: JooqEventStore.dayTenant).
        List<Long> keys = new ArrayList<>();
        for (LocalDate d = from; d.isBefore(until); d = d.plusDays(1)) {
            keys.add(JooqEventStore.dayTenant(d, tenant.value()));
        }
        if (keys.isEmpty()) {
            return EventTotals.NONE;
        }
        List<Field<?>> sums = new ArrayList<>();
        for (EventType type : TYPES) {
            sums.add(DSL.coalesce(DSL.sum(JooqEventStore.typeColumn(type)), BigDecimal.ZERO));
        }
        Record r = tx.dsl()
                .select(sums)
                .from(TENANT_DAILY)
                .where(TENANT_DAILY.DAY_TENANT.in(keys))
                .and(TENANT_DAILY.TENANT_ID.eq(tenant.value()))
                .fetchOne();
        Map<EventType, Long> counts = new EnumMap<>(EventType.class);
        for (int i = 0; i < TYPES.length; i++) {
            counts.put(TYPES[i], ((Number) r.get(i)).longValue());
        }
        return new EventTotals(counts);
    }

    @Override
    public long takeNextNumber() {
        var d = tx.dsl();
        long last = d.select(BILLING_SETTINGS.LAST_NUMBER)
                .from(BILLING_SETTINGS)
                .where(BILLING_SETTINGS.ID.eq(1))
                .forUpdate()
                .fetchOne(BILLING_SETTINGS.LAST_NUMBER);
        d.update(BILLING_SETTINGS)
                .set(BILLING_SETTINGS.LAST_NUMBER, last + 1)
                .where(BILLING_SETTINGS.ID.eq(1))
                .execute();
        return last + 1;
    }

    @Override
    public Optional<Invoice> liveInvoice(TenantId tenant, YearMonth month) {
        return invoicesWhere(INVOICE.TENANT_ID
                        .eq(tenant.value())
                        .and(INVOICE.BILLING_MONTH.eq(month.toString()))
                        .and(INVOICE.LIVE_SLOT.eq(1)))
                .stream()
                .findFirst();
    }

    @Override
    public Optional<YearMonth> lastInvoicedMonth(TenantId tenant) {
        return Optional.ofNullable(tx.dsl()
                        .select(DSL.max(INVOICE.BILLING_MONTH))
                        .from(INVOICE)
                        .where(INVOICE.TENANT_ID.eq(tenant.value()))
                        .and(INVOICE.LIVE_SLOT.eq(1))
                        .fetchOne(0, String.class))
                .map(YearMonth::parse);
    }

    @Override
    public boolean setupFeeBilled(TenantId tenant) {
        return tx.dsl()
                .fetchExists(DSL.selectOne()
                        .from(INVOICE_LINE)
                        .join(INVOICE)
                        .on(INVOICE.ID.eq(INVOICE_LINE.INVOICE_ID))
                        .where(INVOICE_LINE.TENANT_ID.eq(tenant.value()))
                        .and(INVOICE.TENANT_ID.eq(tenant.value()))
                        .and(INVOICE_LINE.KIND.eq(InvoiceLine.LineKind.SETUP.name()))
                        .and(INVOICE.STATUS.in(InvoiceStatus.ISSUED.name(), InvoiceStatus.PAID.name())));
    }

    @Override
    public InvoiceId insertIssued(Invoice inv) {
        if (inv.number().isEmpty()
                || inv.status() != InvoiceStatus.ISSUED
                || inv.issuedAt().isEmpty()) {
            throw new IllegalArgumentException("only an issued invoice with its number is stored");
        }
        var d = tx.dsl();
        long id = d.insertInto(INVOICE)
                .set(INVOICE.TENANT_ID, inv.tenant().value())
                .set(INVOICE.TENANT_NAME, inv.tenantName())
                .set(INVOICE.KIND, inv.kind().name())
                .set(INVOICE.NUMBER, inv.number().get())
                .set(INVOICE.BILLING_MONTH, inv.month().toString())
                .set(INVOICE.STATUS, inv.status().name())
                .set(INVOICE.CURRENCY, inv.currency().getCurrencyCode())
                .set(INVOICE.PLAN_NAME, inv.planName())
                .set(INVOICE.BILLABLE, inv.billable().name())
                .set(INVOICE.VOLUME, inv.volume())
                .set(INVOICE.SUBTOTAL, inv.subtotal())
                .set(INVOICE.TAX, inv.tax())
                .set(INVOICE.TOTAL, inv.total())
                .set(INVOICE.ROUNDING_RULE, inv.roundingRule())
                .set(INVOICE.CORRECTS_ID, inv.corrects().map(InvoiceId::value).orElse(null))
                .set(INVOICE.NOTE, inv.note())
                .set(INVOICE.ISSUED_AT, Times.toDb(inv.issuedAt().get()))
                .set(INVOICE.LIVE_SLOT, inv.kind() == InvoiceKind.INVOICE ? 1 : null)
                .returning(INVOICE.ID)
                .fetchOne(INVOICE.ID);
        for (InvoiceLine l : inv.lines()) {
            d.insertInto(INVOICE_LINE)
                    .set(INVOICE_LINE.INVOICE_ID, id)
                    .set(INVOICE_LINE.TENANT_ID, inv.tenant().value())
                    .set(INVOICE_LINE.LINE_NO, l.number())
                    .set(INVOICE_LINE.KIND, l.kind().name())
                    .set(INVOICE_LINE.DESCRIPTION, l.description())
                    .set(INVOICE_LINE.QUANTITY, l.quantity())
                    .set(INVOICE_LINE.UNIT, l.unit())
                    .set(INVOICE_LINE.UNIT_PRICE, l.unitPrice())
                    .set(INVOICE_LINE.AMOUNT, l.amount())
                    .execute();
        }
        return new InvoiceId(id);
    }

    @Override
    public Optional<Invoice> findInvoice(TenantId tenant, InvoiceId id) {
        return invoicesWhere(INVOICE.TENANT_ID.eq(tenant.value()).and(INVOICE.ID.eq(id.value()))).stream()
                .findFirst();
    }

    @Override
    public List<Invoice> creditNotesFor(TenantId tenant, InvoiceId invoice) {
        return invoicesWhere(INVOICE.TENANT_ID.eq(tenant.value()).and(INVOICE.CORRECTS_ID.eq(invoice.value())));
    }

    @Override
    public List<Invoice> agencyInvoices(TenantScope scope, Optional<YearMonth> month) {
        Condition where = DSL.noCondition();
        if (!scope.all()) {
            if (scope.tenants().isEmpty()) {
                return List.of();
            }
            where = where.and(INVOICE.TENANT_ID.in(
                    scope.tenants().stream().map(TenantId::value).toList()));
        }
        if (month.isPresent()) {
            where = where.and(INVOICE.BILLING_MONTH.eq(month.get().toString()));
        }
        return invoicesWhere(where);
    }

    @Override
    public boolean changeStatus(TenantId tenant, InvoiceId id, InvoiceStatus from, InvoiceStatus to, Instant at) {
        var update = tx.dsl().update(INVOICE).set(INVOICE.STATUS, to.name());
        if (to == InvoiceStatus.PAID) {
            update = update.set(INVOICE.PAID_AT, Times.toDb(at));
        }
        if (to == InvoiceStatus.VOID) {
            update = update.set(INVOICE.VOIDED_AT, Times.toDb(at)).set(INVOICE.LIVE_SLOT, (Integer) null);
        }
        return update.where(INVOICE.TENANT_ID.eq(tenant.value()))
                        .and(INVOICE.ID.eq(id.value()))
                        .and(INVOICE.STATUS.eq(from.name()))
                        .execute()
                == 1;
    }

    /** Newest first (by id, which follows the number). */
    private List<Invoice> invoicesWhere(Condition where) {
        var d = tx.dsl();
        List<InvoiceRecord> heads =
                d.selectFrom(INVOICE).where(where).orderBy(INVOICE.ID.desc()).fetch();
        if (heads.isEmpty()) {
            return List.of();
        }
        Map<Long, List<InvoiceLine>> lines = new java.util.HashMap<>();
        List<Long> ids = heads.stream().map(InvoiceRecord::getId).toList();
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            d.selectFrom(INVOICE_LINE)
                    .where(INVOICE_LINE.INVOICE_ID.in(chunk))
                    .orderBy(INVOICE_LINE.INVOICE_ID, INVOICE_LINE.LINE_NO)
                    .forEach(l -> {
                        lines.computeIfAbsent(l.getInvoiceId(), k -> new ArrayList<>())
                                .add(new InvoiceLine(
                                        l.getLineNo(),
                                        InvoiceLine.LineKind.valueOf(l.getKind()),
                                        l.getDescription(),
                                        plain(l.getQuantity()),
                                        l.getUnit(),
                                        plain(l.getUnitPrice()),
                                        l.getAmount()));
                    });
        }
        List<Invoice> out = new ArrayList<>();
        for (InvoiceRecord r : heads) {
            Currency currency = Currency.getInstance(r.getCurrency());
            int scale = Math.max(0, currency.getDefaultFractionDigits());
            List<InvoiceLine> ls = lines.getOrDefault(r.getId(), List.of()).stream()
                    .map(l -> new InvoiceLine(
                            l.number(),
                            l.kind(),
                            l.description(),
                            l.quantity(),
                            l.unit(),
                            l.unitPrice(),
                            l.amount().setScale(scale)))
                    .toList();
            out.add(new Invoice(
                    Optional.of(new InvoiceId(r.getId())),
                    new TenantId(r.getTenantId()),
                    r.getTenantName(),
                    InvoiceKind.valueOf(r.getKind()),
                    Optional.of(r.getNumber()),
                    YearMonth.parse(r.getBillingMonth()),
                    InvoiceStatus.valueOf(r.getStatus()),
                    currency,
                    r.getPlanName(),
                    BillableEvent.valueOf(r.getBillable()),
                    r.getVolume(),
                    ls,
                    r.getSubtotal().setScale(scale),
                    r.getTax().setScale(scale),
                    r.getTotal().setScale(scale),
                    r.getRoundingRule(),
                    Optional.ofNullable(r.getCorrectsId()).map(InvoiceId::new),
                    r.getNote(),
                    Optional.of(Times.fromDb(r.getIssuedAt())),
                    Optional.ofNullable(Times.fromDb(r.getPaidAt())),
                    Optional.ofNullable(Times.fromDb(r.getVoidedAt()))));
        }
        return out;
    }

    /** Numeric columns come back at the column's scale (2.500000); prices are kept as typed. */
    private static BigDecimal plain(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    @Override
    public Optional<SendingCost> sendingCost(TenantId tenant) {
        return tx.dsl()
                .selectFrom(BILLING_SENDING_COST)
                .where(BILLING_SENDING_COST.TENANT_ID.eq(tenant.value()))
                .fetchOptional(r -> new SendingCost(
                        java.util.Currency.getInstance(r.getCurrency()),
                        r.getMonthlyPrice().stripTrailingZeros(),
                        r.getIncludedEmails(),
                        r.getOveragePer_1000().stripTrailingZeros()));
    }

    @Override
    public void putSendingCost(TenantId tenant, Optional<SendingCost> cost, Instant at) {
        var d = tx.dsl();
        d.deleteFrom(BILLING_SENDING_COST)
                .where(BILLING_SENDING_COST.TENANT_ID.eq(tenant.value()))
                .execute();
        cost.ifPresent(c -> d.insertInto(BILLING_SENDING_COST)
                .set(BILLING_SENDING_COST.TENANT_ID, tenant.value())
                .set(BILLING_SENDING_COST.CURRENCY, c.currency().getCurrencyCode())
                .set(BILLING_SENDING_COST.MONTHLY_PRICE, c.monthlyPrice())
                .set(BILLING_SENDING_COST.INCLUDED_EMAILS, c.includedEmails())
                .set(BILLING_SENDING_COST.OVERAGE_PER_1000, c.overagePer1000())
                .set(BILLING_SENDING_COST.UPDATED_AT, Times.toDb(at))
                .execute());
    }
}
