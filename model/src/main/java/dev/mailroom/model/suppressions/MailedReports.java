package dev.mailroom.model.suppressions;

import dev.mailroom.model.dmarc.AggregateReport;
import dev.mailroom.model.dmarc.TlsReport;
import java.util.List;

/**
 * What one message of a report mailbox carried besides bounces and complaints: DMARC aggregate
 * reports (RFC 7489 §7.2.1.1) and SMTP TLS reports (RFC 8460 §5.3), read from its parts by the
 * mailer with the same limits as the file imports. Each problem is a part that could not be read, in
 * words; a message whose every report part was broken holds problems and no reports.
 */
public record MailedReports(
        List<AggregateReport> aggregate,
        List<String> aggregateProblems,
        List<TlsReport> tls,
        List<String> tlsProblems) {
    public MailedReports {
        aggregate = List.copyOf(aggregate);
        aggregateProblems = List.copyOf(aggregateProblems);
        tls = List.copyOf(tls);
        tlsProblems = List.copyOf(tlsProblems);
    }

    /** Whether nothing of the message could be read as a report. */
    public boolean nothingReadable() {
        return aggregate.isEmpty() && tls.isEmpty();
    }
}
