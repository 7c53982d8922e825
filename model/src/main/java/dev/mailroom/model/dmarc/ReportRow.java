package dev.mailroom.model.dmarc;

import java.util.Objects;

/**
 * One row of an aggregate report: {@code count} messages from {@code sourceIp} with the same
 * outcome. {@code dkimAligned}/{@code spfAligned} are the receiver's DMARC verdicts
 * ({@code policy_evaluated}), which already include alignment; DMARC passes when either does.
 *
 * @param disposition none, quarantine or reject (what the receiver did)
 * @param dkimDomains the signing domains seen, comma-separated ("" when unsigned)
 * @param spfDomain the domain SPF checked (envelope or HELO), "" when not given
 */
public record ReportRow(
        String sourceIp,
        long count,
        String disposition,
        boolean dkimAligned,
        boolean spfAligned,
        String headerFrom,
        String envelopeFrom,
        String dkimDomains,
        String spfDomain) {

    public ReportRow {
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(headerFrom, "headerFrom");
        Objects.requireNonNull(envelopeFrom, "envelopeFrom");
        Objects.requireNonNull(dkimDomains, "dkimDomains");
        Objects.requireNonNull(spfDomain, "spfDomain");
    }

    public boolean dmarcPass() {
        return dkimAligned || spfAligned;
    }
}
