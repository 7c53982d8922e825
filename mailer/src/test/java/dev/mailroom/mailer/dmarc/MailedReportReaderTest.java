package dev.mailroom.mailer.dmarc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.mailroom.model.suppressions.MailedReports;
import dev.mailroom.model.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Which messages of a report mailbox carry DMARC aggregate or SMTP TLS reports, on parsedmarc's report
 * e-mails and sisimai's bounces; and mutated report e-mails never make it throw.
 */
class MailedReportReaderTest {
    private final MailedReportReader reader = new MailedReportReader();

    private static byte[] bytes(String set, String relative) throws Exception {
        return Files.readAllBytes(Fixtures.file(set, relative));
    }

    @Test
    void reportEmailsGiveTheirReports() throws Exception {
        MailedReports zip = reader.read(
                        bytes(
                                "dmarc-parsedmarc",
                                "aggregate/Report domain- borschow.com Submitter- google.com Report-ID- 949348866075514174.eml"),
                        false)
                .orElseThrow();
        assertThat(zip.aggregate())
                .singleElement()
                .satisfies(r -> assertThat(r.policy().domain()).isEqualTo("borschow.com"));
        assertThat(zip.tls()).isEmpty();

        MailedReports gz = reader.read(bytes("dmarc-parsedmarc", "aggregate/mimecast-weird-gzip.eml"), false)
                .orElseThrow();
        assertThat(gz.aggregate())
                .singleElement()
                .satisfies(r -> assertThat(r.policy().domain()).isEqualTo("ab.id.au"));

        MailedReports tls = reader.read(bytes("dmarc-parsedmarc", "smtp_tls/google.com_smtp_tls_report.eml"), false)
                .orElseThrow();
        assertThat(tls.aggregate()).isEmpty();
        assertThat(tls.tls())
                .singleElement()
                .satisfies(r -> assertThat(r.policies().get(0).domain()).isEqualTo("cardinalhealth.ca"));
    }

    @Test
    void bouncesComplaintsFailureReportsAndOrdinaryMailAreNotReportMessages() throws Exception {
        List<Path> all = new ArrayList<>();
        for (String folder : List.of("eml", "not-bounce")) {
            try (Stream<Path> s = Files.list(Fixtures.dir("bounces-sisimai").resolve(folder))) {
                s.filter(p -> p.toString().endsWith(".eml")).forEach(all::add);
            }
        }
        try (Stream<Path> s = Files.list(Fixtures.dir("dmarc-parsedmarc").resolve("failure"))) {
            s.filter(p -> p.toString().endsWith(".eml")).forEach(all::add);
        }
        assertThat(all).hasSizeGreaterThan(100);
        for (Path p : all) {
            assertThat(reader.read(Files.readAllBytes(p), false))
                    .as(p.getFileName().toString())
                    .isEmpty();
        }
        // A bounce returning a report e-mail: the report is inside message/rfc822, so this is a bounce.
        byte[] report = bytes(
                "dmarc-parsedmarc",
                "aggregate/Report domain- borschow.com Submitter- google.com Report-ID- 949348866075514174.eml");
        String dsn = "From: MAILER-DAEMON@mx.example\r\nTo: reports@agency.test\r\nSubject: Undelivered Mail\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"x\"\r\n\r\n"
                + "--x\r\nContent-Type: text/plain\r\n\r\nIt failed.\r\n--x\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.example\r\n\r\nFinal-Recipient: rfc822; a@b.example\r\nAction: failed\r\n"
                + "Status: 5.1.1\r\n\r\n--x\r\nContent-Type: message/rfc822\r\n\r\n"
                + new String(report, StandardCharsets.ISO_8859_1) + "\r\n--x--\r\n";
        assertThat(reader.read(dsn.getBytes(StandardCharsets.ISO_8859_1), false))
                .isEmpty();
    }

    @Test
    void aCutReportMessageIsRefusedAsTooLargeAndACutOrdinaryOneIsLeftAlone() throws Exception {
        byte[] report = bytes("dmarc-parsedmarc", "aggregate/twilight.eml");
        Optional<MailedReports> cut = reader.read(java.util.Arrays.copyOf(report, 5000), true); // cut within the zip
        assertThat(cut).hasValueSatisfying(r -> {
            assertThat(r.nothingReadable()).isTrue();
            assertThat(r.aggregateProblems()).singleElement().asString().contains("larger than this mailbox reads");
        });
        byte[] ordinary = mailWithZip();
        assertThat(reader.read(ordinary, false)).isEmpty();
        assertThat(reader.read(java.util.Arrays.copyOf(ordinary, ordinary.length - 40), true))
                .isEmpty();
    }

    @Test
    void mutatedReportEmailsNeverThrow() throws Exception {
        List<byte[]> seeds = List.of(
                bytes("dmarc-parsedmarc", "aggregate/twilight.eml"),
                bytes("dmarc-parsedmarc", "aggregate/mimecast-weird-gzip.eml"),
                bytes("dmarc-parsedmarc", "smtp_tls/google.com_smtp_tls_report.eml"));
        Random random = new Random(76);
        for (int i = 0; i < 300; i++) {
            byte[] m = seeds.get(i % seeds.size()).clone();
            switch (i % 3) {
                case 0 -> {
                    for (int k = 0; k < 1 + random.nextInt(20); k++) {
                        m[random.nextInt(m.length)] = (byte) random.nextInt(256);
                    }
                }
                case 1 -> m = java.util.Arrays.copyOf(m, random.nextInt(m.length));
                default -> {
                    int at = random.nextInt(m.length);
                    byte[] longer = new byte[m.length + 4096];
                    System.arraycopy(m, 0, longer, 0, at);
                    java.util.Arrays.fill(longer, at, at + 4096, (byte) (random.nextBoolean() ? '-' : '\n'));
                    System.arraycopy(m, at, longer, at + 4096, m.length - at);
                    m = longer;
                }
            }
            byte[] input = m;
            boolean cut = random.nextInt(10) == 0;
            assertThatCode(() -> reader.read(input, cut)).as("mutation " + i).doesNotThrowAnyException();
        }
    }

    private static byte[] mailWithZip() throws Exception {
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
            z.putNextEntry(new java.util.zip.ZipEntry("holiday.txt"));
            z.write("Photos next week.".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        String b64 = java.util.Base64.getMimeEncoder().encodeToString(zip.toByteArray());
        return ("From: ana@example.org\r\nTo: reports@agency.test\r\nSubject: Holiday\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=\"z\"\r\n\r\n--z\r\nContent-Type: text/plain\r\n\r\n"
                        + "See attached.\r\n--z\r\nContent-Type: application/zip; name=\"holiday.zip\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n--z--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
