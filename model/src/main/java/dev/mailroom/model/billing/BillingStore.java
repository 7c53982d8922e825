package dev.mailroom.model.billing;

import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.activity.EventTotals;
import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * Port: plans, assignments and invoices. An issued invoice's content is written once by
 * {@link #insertIssued} and never updated; only its status moves, through {@link #changeStatus}.
 */
public interface BillingStore {
    BillingSettings settings();

    void saveSettings(BillingSettings settings);

    /** Through which client's connection client reports are e-mailed; empty until the agency chooses. */
    Optional<ReportSender> reportSender();

    void saveReportSender(Optional<ReportSender> sender);

    PlanId insertPlan(String name, Instant createdAt);

    /** Adds the version, replacing one that takes effect in the same month. */
    void putVersion(PlanId plan, PlanVersion version);

    Optional<PricePlan> findPlan(PlanId plan);

    Optional<PricePlan> findPlanByNameKey(String nameKey);

    List<PricePlan> plans();

    /** Adds the assignment, replacing one that takes effect in the same month. */
    void putAssignment(PlanAssignment assignment);

    /** The tenant's assignment in force in {@code month}. */
    Optional<PlanAssignment> assignmentFor(TenantId tenant, YearMonth month);

    List<PlanAssignment> assignments(TenantId tenant);

    /** Counts per event type over the tenant's daily roll-up rows from {@code from} up to {@code until}, exclusive. */
    EventTotals totals(TenantId tenant, LocalDate from, LocalDate until);

    /**
     * Takes the next number of the agency's one sequence, holding a lock on the sequence until the
     * transaction ends, so that concurrent issuers take turns and no number repeats or is skipped.
     */
    long takeNextNumber();

    /** The tenant's invoice for the month that is not void, if any (credit notes excluded). */
    Optional<Invoice> liveInvoice(TenantId tenant, YearMonth month);

    /** The latest month for which the tenant has an invoice that is not void. */
    Optional<YearMonth> lastInvoicedMonth(TenantId tenant);

    /** Whether a setup fee appears on any of the tenant's issued, paid (not void) invoices. */
    boolean setupFeeBilled(TenantId tenant);

    /** Writes an issued invoice or credit note (it has its number) and returns its id. */
    InvoiceId insertIssued(Invoice invoice);

    Optional<Invoice> findInvoice(TenantId tenant, InvoiceId id);

    /** Credit notes written against an invoice. */
    List<Invoice> creditNotesFor(TenantId tenant, InvoiceId invoice);

    /**
     * The agency's invoices and credit notes in the scope, newest number first, optionally of one
     * month (crosses tenants, as its name says).
     */
    List<Invoice> agencyInvoices(TenantScope scope, Optional<YearMonth> month);

    /** Moves an invoice from one status to another; false when it was not in {@code from}. */
    boolean changeStatus(TenantId tenant, InvoiceId id, InvoiceStatus from, InvoiceStatus to, Instant at);

    /** The client's sending cost, if the agency has set one. */
    Optional<SendingCost> sendingCost(TenantId tenant);

    /** Sets (or, with empty, clears) the client's sending cost. */
    void putSendingCost(TenantId tenant, Optional<SendingCost> cost, Instant at);
}
