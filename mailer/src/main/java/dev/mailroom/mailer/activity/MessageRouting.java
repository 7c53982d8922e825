package dev.mailroom.mailer.activity;

import dev.mailroom.mailer.dmarc.MailedReportReader;
import dev.mailroom.model.suppressions.MailboxReader;
import dev.mailroom.model.suppressions.MailedReports;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Hands one message of a report mailbox (or a mail file) to its handler as what it is: a message
 * carrying DMARC aggregate or SMTP TLS reports goes to {@link MailboxReader.Handler#reports}, anything
 * else (bounces, complaints, DMARC failure reports, which are ARF, and ordinary mail) to
 * {@link MailboxReader.Handler#handle}. One place, so the mailbox and the files decide alike.
 */
final class MessageRouting {
    private final BounceParser parser;
    private final MailedReportReader reports = new MailedReportReader();
    private final int maxBytes;

    MessageRouting(BounceParser parser, int maxBytes) {
        this.parser = parser;
        this.maxBytes = maxBytes;
    }

    /**
     * @param raw the message's first bytes: more than {@code maxBytes} of them means it was cut
     * @param whole the whole message, for a report message that was cut; null when it is not to be had
     *     (too large for a report, or the server failed)
     */
    MailboxReader.Disposition hand(
            MailboxReader.Handler handler, String key, long size, byte[] raw, Supplier<byte[]> whole) {
        boolean cut = raw.length > maxBytes;
        Optional<MailedReports> carried = reports.read(raw, cut);
        if (carried.isPresent() && cut) {
            // A report larger than the bounce bound (a zip of many reports): read it whole, up to the file
            // import's limit, as the DMARC page would.
            byte[] all = whole.get();
            if (all != null) {
                carried = reports.read(all, false)
                        .or(() -> Optional.of(new MailedReports(
                                List.of(),
                                List.of("the whole message holds no report that could be read."),
                                List.of(),
                                List.of())));
            }
        }
        if (carried.isPresent()) {
            return handler.reports(key, size, carried.get());
        }
        return handler.handle(key, size, parser.parse(raw));
    }
}
