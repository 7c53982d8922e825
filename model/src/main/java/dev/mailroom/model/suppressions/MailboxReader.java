package dev.mailroom.model.suppressions;

import dev.mailroom.model.activity.InboundReport;
import dev.mailroom.model.common.Cancellation;

/**
 * Port: reads the messages of a report mailbox's folder that were not handled before, in chunks,
 * parses each and hands it over, then marks it on the server as the handler says.
 */
public interface MailboxReader {
    /** Signs in and opens the folder; the number of messages in it. Throws ExternalFailure with the reason. */
    int test(ReportMailbox mailbox, MailboxPassword password);

    /**
     * Reads until every unhandled message was offered or {@code cancel} is set (checked between
     * messages). A message that cannot be fetched or parsed goes to {@link Handler#failed}, the rest go on.
     */
    void read(ReportMailbox mailbox, MailboxPassword password, Handler handler, Progress progress, Cancellation cancel);

    /** What becomes of a message on the server. */
    enum Disposition {
        /** Recorded (or recorded before): flagged {@code $MailroomProcessed} and seen. */
        PROCESSED,
        /** Not a bounce or complaint: flagged {@code $MailroomSkipped}, otherwise left as it was for a person. */
        SKIPPED,
        /** Could not be read at all: flagged {@code $MailroomUnreadable} and left for a person. */
        UNREADABLE,
        /** Something went wrong that may not next time: not flagged, so the next read tries again. */
        RETRY
    }

    interface Handler {
        /**
         * @param key the message's own Message-ID, or a digest of its bytes when it has none
         * @param size the message's size on the server, in bytes
         */
        Disposition handle(String key, long size, InboundReport report);

        /**
         * A message that carries DMARC aggregate or SMTP TLS reports rather than a bounce or complaint
         * (the reader tells them apart). {@link Disposition#UNREADABLE} when none of its report parts
         * could be read: flagged, left for a person, and not offered again.
         *
         * @param key as for {@link #handle}
         */
        Disposition reports(String key, long size, MailedReports reports);

        /** The message could not be fetched or flagged; it stays as it was on the server. */
        void failed(String description, String reason);
    }

    @FunctionalInterface
    interface Progress {
        void update(int done, int total);
    }
}
