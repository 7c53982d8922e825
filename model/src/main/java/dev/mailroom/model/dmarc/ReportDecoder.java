package dev.mailroom.model.dmarc;

import java.util.List;

/**
 * Turns a file's bytes (XML, gzip, zip, a report e-mail) into aggregate reports; implemented in the
 * mailer module. Never throws on bad input: what cannot be read is a problem in words.
 */
public interface ReportDecoder {
    Decoded decode(String name, byte[] bytes);

    record Decoded(List<AggregateReport> reports, List<String> problems) {
        public Decoded {
            reports = List.copyOf(reports);
            problems = List.copyOf(problems);
        }
    }
}
