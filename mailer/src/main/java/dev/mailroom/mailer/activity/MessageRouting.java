package dev.mailroom.mailer.activity;

import dev.mailroom.mailer.dmarc.MailedReportReader;
import dev.mailroom.model.suppressions.MailboxReader;
import dev.mailroom.model.suppressions.MailedReports;
import java.util.Optional;

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

    /** @param raw the message's first bytes: more than {@code maxBytes} of them means it was cut */
    MailboxReader.Disposition hand(MailboxReader.Handler handler, String key, long size, byte[] raw) {
        Optional<MailedReports> carried = reports.read(raw, raw.length > maxBytes);
        if (carried.isPresent()) {
            return handler.reports(key, size, carried.get());
        }
        return handler.handle(key, size, parser.parse(raw));
    }
}
