package dev.mailroom.model.dmarc;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One DMARC aggregate ("rua") report as a receiver sent it (RFC 7489 appendix C, and the
 * {@code dmarc-2.0} namespace of the DMARCbis drafts): who reported, for which period, the policy it
 * saw published, and one row per source IP and outcome.
 *
 * @param reporterOrg the reporting organisation ({@code org_name}); may be empty in broken reports
 * @param reportId the reporter's id; with {@code reporterOrg} it identifies the report
 */
public record AggregateReport(
        String reporterOrg,
        String reporterEmail,
        String reportId,
        Instant begin,
        Instant end,
        PublishedPolicy policy,
        List<ReportRow> rows) {

    public AggregateReport {
        Objects.requireNonNull(reporterOrg, "reporterOrg");
        Objects.requireNonNull(reporterEmail, "reporterEmail");
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(begin, "begin");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(policy, "policy");
        rows = List.copyOf(rows);
    }

    /** Messages the report covers. */
    public long messages() {
        return rows.stream().mapToLong(ReportRow::count).sum();
    }

    /** The key that makes a report the same report when it arrives twice. */
    public String dedupeKey() {
        return reporterOrg.trim().toLowerCase(java.util.Locale.ROOT) + "\u0000" + reportId.trim();
    }
}
