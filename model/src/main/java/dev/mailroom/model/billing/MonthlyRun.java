package dev.mailroom.model.billing;

import dev.mailroom.model.common.TenantId;
import java.util.List;

/**
 * A month's billing run: the invoices it made (drafts for a preview, issued for a run), and the tenants
 * it left out with why ("no plan", "already invoiced as INV-000012").
 */
public record MonthlyRun(List<Invoice> invoices, List<Skipped> skipped, boolean cancelled) {
    public MonthlyRun {
        invoices = List.copyOf(invoices);
        skipped = List.copyOf(skipped);
    }

    public record Skipped(TenantId tenant, String tenantName, String why) {}
}
