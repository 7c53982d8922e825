package dev.mailroom.model.suppressions;

import java.util.List;
import java.util.Objects;

/**
 * What one "Read now" did, message by message counted once.
 *
 * @param bounces delivery status notifications read (failed, delayed or delivered)
 * @param complaints feedback reports read (complaints and opt-outs)
 * @param notReports ordinary messages and auto-replies: left in the mailbox, flagged as skipped
 * @param failed messages that could not be read or recorded; {@link #problems} says why
 * @param alreadyProcessed reports recorded by an earlier read (the store remembered them)
 * @param eventsRecorded events written by this read
 * @param unmatched recipients in reports that matched no message sent from this mailbox's scope
 * @param cancelled whether the person stopped the read before the end (the rest wait for the next)
 * @param problems one line per failed message or refused report, at most {@link #MAX_PROBLEMS}
 * @param reportMessages messages that carried DMARC aggregate or SMTP TLS reports
 * @param dmarc what became of the DMARC aggregate reports in them
 * @param tls what became of the SMTP TLS reports in them
 */
public record MailboxReadSummary(
        int bounces,
        int complaints,
        int notReports,
        int failed,
        int alreadyProcessed,
        int eventsRecorded,
        int unmatched,
        boolean cancelled,
        List<String> problems,
        int reportMessages,
        ReportCounts dmarc,
        ReportCounts tls) {
    public static final int MAX_PROBLEMS = 50;

    public MailboxReadSummary {
        problems = List.copyOf(problems);
        Objects.requireNonNull(dmarc, "dmarc");
        Objects.requireNonNull(tls, "tls");
    }

    /** A read that met no DMARC or TLS report. */
    public MailboxReadSummary(
            int bounces,
            int complaints,
            int notReports,
            int failed,
            int alreadyProcessed,
            int eventsRecorded,
            int unmatched,
            boolean cancelled,
            List<String> problems) {
        this(
                bounces,
                complaints,
                notReports,
                failed,
                alreadyProcessed,
                eventsRecorded,
                unmatched,
                cancelled,
                problems,
                0,
                ReportCounts.NONE,
                ReportCounts.NONE);
    }

    /**
     * Reports of one kind (DMARC aggregate or SMTP TLS) met in a read. A report split over two clients
     * counts in each.
     *
     * @param imported stored by this read
     * @param alreadyThere stored before (same reporting organisation and report id)
     * @param refused not stored: unreadable, broken, for a domain no client has, for another client
     *     than the mailbox's, or for a client the reader may not import into; {@link #problems} says which
     */
    public record ReportCounts(int imported, int alreadyThere, int refused) {
        public static final ReportCounts NONE = new ReportCounts(0, 0, 0);

        public int total() {
            return imported + alreadyThere + refused;
        }

        public ReportCounts plus(ReportCounts o) {
            return new ReportCounts(imported + o.imported, alreadyThere + o.alreadyThere, refused + o.refused);
        }

        /** "2 imported, 1 already there, 1 refused"; "none" when there were none. */
        public String words() {
            if (total() == 0) {
                return "none";
            }
            StringBuilder b = new StringBuilder().append(imported).append(" imported");
            if (alreadyThere > 0) {
                b.append(", ").append(alreadyThere).append(" already there");
            }
            if (refused > 0) {
                b.append(", ").append(refused).append(" refused");
            }
            return b.toString();
        }
    }

    public int examined() {
        return bounces + complaints + notReports + failed + alreadyProcessed + reportMessages;
    }

    /**
     * "12 bounces, 3 complaints, 40 not reports, 1 failed; DMARC reports: 2 imported, 1 already there;
     * TLS reports: 1 imported" — the line the audit keeps; the DMARC and TLS part only when the read met
     * any.
     */
    public String headline() {
        String reports = reportsLine();
        return messagesLine(false)
                + (reports.isEmpty() ? "" : "; " + reports)
                + (cancelled ? " (stopped; the rest wait for the next read)" : "");
    }

    /** "12 bounces, 3 complaints, 40 not reports, 1 failed" (and whether it was stopped): the screen's first line. */
    public String messagesLine() {
        return messagesLine(cancelled);
    }

    private String messagesLine(boolean sayStopped) {
        return bounces + (bounces == 1 ? " bounce, " : " bounces, ") + complaints
                + (complaints == 1 ? " complaint, " : " complaints, ") + notReports
                + (notReports == 1 ? " not a report, " : " not reports, ") + failed + " failed"
                + (alreadyProcessed > 0 ? ", " + alreadyProcessed + " read before" : "")
                + (sayStopped ? " (stopped; the rest wait for the next read)" : "");
    }

    /** "DMARC reports: 2 imported, 1 refused; TLS reports: none", or empty when the read met neither. */
    public String reportsLine() {
        if (dmarc.total() == 0 && tls.total() == 0) {
            return "";
        }
        return "DMARC reports: " + dmarc.words() + "; TLS reports: " + tls.words();
    }
}
