package dev.mailroom.model.suppressions;

import java.util.List;

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
 * @param problems one line per failed message, at most {@link #MAX_PROBLEMS}
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
        List<String> problems) {
    public static final int MAX_PROBLEMS = 50;

    public MailboxReadSummary {
        problems = List.copyOf(problems);
    }

    public int examined() {
        return bounces + complaints + notReports + failed + alreadyProcessed;
    }

    /** "12 bounces, 3 complaints, 40 not reports, 1 failed" — the line the screen shows. */
    public String headline() {
        return bounces + (bounces == 1 ? " bounce, " : " bounces, ") + complaints
                + (complaints == 1 ? " complaint, " : " complaints, ") + notReports
                + (notReports == 1 ? " not a report, " : " not reports, ") + failed + " failed"
                + (alreadyProcessed > 0 ? ", " + alreadyProcessed + " read before" : "")
                + (cancelled ? " (stopped; the rest wait for the next read)" : "");
    }
}
