package dev.mailroom.mailer.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.activity.InboundReport;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.suppressions.MailboxReader;
import dev.mailroom.model.suppressions.MailedReports;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Report messages in files larger than the part of each message the reader keeps (4 MiB in the console;
 * 8 KiB here, so parsedmarc's real report e-mail stands for a 40 MB zip of reports): the report is
 * read again whole from its place in the file, in an .eml file and in an mbox, as the mailbox reader
 * fetches a cut one whole.
 */
class MailFilesTest {
    private static final String REPORT_EML =
            "/fixtures/dmarc-parsedmarc/aggregate/Report domain- borschow.com Submitter- google.com Report-ID- "
                    + "949348866075514174.eml";

    @TempDir
    Path dir;

    private static byte[] reportMail() throws IOException {
        try (InputStream in = MailFilesTest.class.getResourceAsStream(REPORT_EML)) {
            assertThat(in).as("fixture " + REPORT_EML).isNotNull();
            return in.readAllBytes();
        }
    }

    private static final class Seen implements MailboxReader.Handler {
        final List<MailedReports> reports = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        int other;

        @Override
        public MailboxReader.Disposition handle(String key, long size, InboundReport report) {
            other++;
            return MailboxReader.Disposition.PROCESSED;
        }

        @Override
        public MailboxReader.Disposition reports(String key, long size, MailedReports r) {
            reports.add(r);
            return MailboxReader.Disposition.PROCESSED;
        }

        @Override
        public void failed(String description, String reason) {
            failures.add(description + " " + reason);
        }
    }

    private Seen read(Path file, int keep) {
        Seen seen = new Seen();
        new MailFiles(List.of(file), keep).read(seen, (done, total) -> {}, new Cancellation());
        return seen;
    }

    @Test
    void aCutReportMessageInAnEmlFileIsReadWhole() throws Exception {
        byte[] mail = reportMail();
        Path eml = Files.write(dir.resolve("report.eml"), mail);
        assertThat(mail.length).as("the fixture is larger than what is kept").isGreaterThan(8 * 1024);

        Seen whole = read(eml, mail.length + 10);
        Seen cut = read(eml, 8 * 1024);

        assertThat(whole.reports)
                .singleElement()
                .satisfies(r -> assertThat(r.aggregate()).hasSize(1));
        assertThat(cut.failures).isEmpty();
        assertThat(cut.reports).singleElement().satisfies(r -> {
            assertThat(r.aggregateProblems()).isEmpty();
            assertThat(r.aggregate()).isEqualTo(whole.reports.get(0).aggregate());
        });
    }

    @Test
    void eachCutReportMessageOfAnMboxIsReadWholeFromItsOwnPlace() throws Exception {
        String mail = new String(reportMail(), StandardCharsets.ISO_8859_1);
        String bounce = "From: MAILER-DAEMON@example.net\r\nTo: bounces@acme.example\r\nSubject: hello\r\n\r\n"
                + "From the desk of nobody: this line is escaped in an mbox.\r\n";
        String box = "From MAILER-DAEMON Thu Dec  3 10:00:00 2026\n" + mail
                + "\nFrom someone Thu Dec  3 10:01:00 2026\n"
                + bounce.replace("\r\nFrom the desk", "\r\n>From the desk")
                + "\nFrom reports Thu Dec  3 10:02:00 2026\n" + mail;
        Path file = Files.write(dir.resolve("reports.mbox"), box.getBytes(StandardCharsets.ISO_8859_1));

        Seen seen = read(file, 8 * 1024);

        assertThat(seen.failures).isEmpty();
        assertThat(seen.other).as("the ordinary message between them").isEqualTo(1);
        assertThat(seen.reports).hasSize(2).allSatisfy(r -> {
            assertThat(r.aggregateProblems()).isEmpty();
            assertThat(r.aggregate()).hasSize(1);
        });
    }
}
