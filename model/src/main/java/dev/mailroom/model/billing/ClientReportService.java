package dev.mailroom.model.billing;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.activity.AnalyticsStore;
import dev.mailroom.model.activity.EventTotals;
import dev.mailroom.model.activity.Period;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantStore;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The white-label monthly report per tenant: its numbers from the roll-ups, its PDF through {@link
 * BillingDocuments}. Needs {@link Permission#REPORTS_EXPORT} in the tenant; every report made is audited.
 */
public final class ClientReportService {
    private final BillingStore billing;
    private final AnalyticsStore analytics;
    private final TenantStore tenants;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final BillingDocuments documents;

    public ClientReportService(
            BillingStore billing,
            AnalyticsStore analytics,
            TenantStore tenants,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            BillingDocuments documents) {
        this.billing = billing;
        this.analytics = analytics;
        this.tenants = tenants;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.documents = documents;
    }

    public ClientReport report(Actor actor, TenantId tenant, YearMonth month) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.REPORTS_EXPORT);
            return build(tenant, month);
        });
    }

    /** The report as a PDF; audited as made (the person then saves or sends it). */
    public byte[] reportPdf(Actor actor, TenantId tenant, YearMonth month) {
        ClientReport report = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.REPORTS_EXPORT);
            ClientReport r = build(tenant, month);
            audit.record(
                    actor,
                    tenant,
                    r.tenantName(),
                    "billing.client_report_made",
                    month.toString(),
                    Map.of("sent", String.valueOf(r.thisMonth().sent())));
            return r;
        });
        return documents.clientReportPdf(report);
    }

    /** An issued invoice as a PDF (needs {@link Permission#BILLING_EXPORT}; audited by the billing service). */
    public byte[] invoicePdf(BillingService.Exported exported) {
        return documents.invoicePdf(exported.invoice(), exported.settings());
    }

    private ClientReport build(TenantId tenant, YearMonth month) {
        Tenant t = tenants.find(tenant).orElseThrow(() -> new NotFound("No such client."));
        BillingSettings agency = billing.settings();
        Map<LocalDate, EventTotals> daily = new LinkedHashMap<>();
        EventTotals total = EventTotals.NONE;
        for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
            EventTotals day = billing.totals(tenant, d, d.plusDays(1));
            daily.put(d, day);
            total = total.plus(day);
        }
        YearMonth previous = month.minusMonths(1);
        EventTotals last = billing.totals(tenant, previous.atDay(1), month.atDay(1));
        var bouncing = analytics.topBouncingDomains(
                tenant, Optional.empty(), new Period(month.atDay(1), month.atEndOfMonth()), 5);
        String agencyName = agency.issuerName().isBlank() ? "Your email team" : agency.issuerName();
        return new ClientReport(agencyName, agency.accentColor(), t.name(), month, total, last, daily, bouncing);
    }
}
