package dev.mailroom.model.dmarc;

import java.util.List;

/**
 * Turns a file's bytes (JSON, gzip, a report e-mail) into SMTP TLS reports; implemented in the mailer
 * module. Never throws on bad input: what cannot be read is a problem in words.
 */
public interface TlsReportDecoder {
    Decoded decode(String name, byte[] bytes);

    record Decoded(List<TlsReport> reports, List<String> problems) {
        public Decoded {
            reports = List.copyOf(reports);
            problems = List.copyOf(problems);
        }
    }
}
