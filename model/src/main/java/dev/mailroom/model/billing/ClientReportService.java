package dev.mailroom.model.billing;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.activity.AnalyticsStore;
import dev.mailroom.model.activity.EventTotals;
import dev.mailroom.model.activity.Period;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.Problems;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.sending.Attachment;
import dev.mailroom.model.sending.ConnectionStore;
import dev.mailroom.model.sending.SendRequest;
import dev.mailroom.model.sending.SendService;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantStore;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
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
    private final ConnectionStore connections;
    private final SendService send;

    public ClientReportService(
            BillingStore billing,
            AnalyticsStore analytics,
            TenantStore tenants,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            BillingDocuments documents,
            ConnectionStore connections,
            SendService send) {
        this.connections = connections;
        this.send = send;
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

    /** Through which client's connection reports are e-mailed, if the agency has chosen one. */
    public Optional<ReportSender> reportSender(Actor actor) {
        return tx.inTransaction(() -> {
            TenantScope scope = access.tenantsWhere(actor, Permission.REPORTS_EXPORT);
            if (!scope.all() && scope.tenants().isEmpty()) {
                throw new PermissionDenied("Your role does not include client reports.");
            }
            return billing.reportSender();
        });
    }

    /**
     * Chooses (or, with empty, clears) the connection client reports are e-mailed through: the agency
     * owner's decision, like the other billing settings; audited.
     */
    public void saveReportSender(Actor actor, Optional<ReportSender> sender) {
        Optional<ReportSender> clean = sender.map(s -> new ReportSender(
                s.tenant(), s.connection(), Text.trimmed(s.fromAddress()), Text.trimmed(s.fromName())));
        clean.ifPresent(s -> new Problems()
                .check(
                        Text.looksLikeEmail(s.fromAddress()),
                        "reportFrom",
                        "Enter the From address, such as " + "reports@youragency.com.")
                .check(s.fromName().length() <= 200, "reportFromName", "Keep the From name under 200 characters.")
                .throwIfAny());
        tx.run(() -> {
            access.requireAgencyOwner(actor);
            if (clean.isPresent()) {
                ReportSender s = clean.get();
                Tenant t = tenants.find(s.tenant()).orElseThrow(() -> new NotFound("No such client."));
                connections
                        .find(s.tenant(), s.connection())
                        .orElseThrow(() -> new NotFound("No such connection in " + t.name() + "."));
            }
            billing.saveReportSender(clean);
            audit.record(
                    actor,
                    "billing.report_sender_changed",
                    "billing",
                    Map.of("from", clean.map(ReportSender::fromAddress).orElse("(none)")));
        });
    }

    /** What {@link #emailReport} did: queued to the contact, or why not. */
    public record Emailed(String tenantName, String to, boolean queued, String problem) {}

    /**
     * E-mails the month's report as a PDF to the client's contact, through the connection the agency chose
     * ({@link #saveReportSender}): queued in the outbox like any message (so suppressions, limits and the
     * sender's DKIM apply). Needs {@link Permission#REPORTS_EXPORT} in the client and
     * {@link Permission#SENDING} in the sending client; one transaction, audited in the client.
     */
    public Emailed emailReport(Actor actor, TenantId tenant, YearMonth month) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.REPORTS_EXPORT);
            ReportSender sender = billing.reportSender()
                    .orElseThrow(() -> new Conflict("Choose first, in Billing › Invoice settings, which connection "
                            + "client reports are sent through."));
            Tenant t = tenants.find(tenant).orElseThrow(() -> new NotFound("No such client."));
            if (!Text.looksLikeEmail(Text.trimmed(t.contactEmail()))) {
                throw new Conflict(t.name() + " has no contact e-mail address; add one in the client's profile.");
            }
            ClientReport r = build(tenant, month);
            byte[] pdf = documents.clientReportPdf(r);
            String greeting = t.contactName() == null || t.contactName().isBlank()
                    ? "Hello,"
                    : "Hello " + t.contactName().strip() + ",";
            String text = greeting + "\n\n" + "Attached is the e-mail report of " + t.name() + " for "
                    + r.monthName() + ".\n\n" + String.join("\n", r.summary()) + "\n\n" + "Kind regards,\n"
                    + r.agencyName() + "\n";
            SendService.Result result = send.send(
                    actor,
                    new SendRequest(
                            sender.tenant(),
                            sender.connection(),
                            sender.fromAddress(),
                            sender.fromName().isBlank() ? r.agencyName() : sender.fromName(),
                            List.of(t.contactEmail().strip()),
                            t.name() + ": your e-mail report for " + r.monthName(),
                            text,
                            Optional.empty(),
                            true,
                            Optional.empty(),
                            List.of(),
                            List.of(Attachment.named(ClientReport.fileName(t.name(), month), pdf))));
            String problem =
                    result.refused().isEmpty() ? "" : result.refused().get(0).problem();
            audit.record(
                    actor,
                    tenant,
                    t.name(),
                    "billing.client_report_sent",
                    month.toString(),
                    Map.of("to", t.contactEmail().strip(), "queued", String.valueOf(problem.isEmpty())));
            return new Emailed(t.name(), t.contactEmail().strip(), problem.isEmpty(), problem);
        });
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
