package dev.mailroom.mailer.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.activity.ComplaintReport;
import dev.mailroom.model.activity.InboundReport;
import dev.mailroom.model.activity.ReportKind;
import dev.mailroom.model.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A complaint keeps every RFC 5965 field of its feedback report ({@link ComplaintReport}), read from
 * real reports: the RFC's own example (src/test/resources/complaints, see its README), sisimai's ARF
 * messages and CwsMailBounceHandler's feedback-loop messages (the fixture sets, with their licences).
 */
class FeedbackReportTest {
    private final BounceParser parser = new BounceParser();

    private ComplaintReport complaintOf(Path file) throws IOException {
        InboundReport r = parser.parse(Files.readAllBytes(file));
        assertThat(r.kind()).isEqualTo(ReportKind.FEEDBACK);
        assertThat(r.complaint()).as("the report's fields of " + file).isPresent();
        return r.complaint().orElseThrow();
    }

    @Test
    void theRfcsOwnExampleKeepsEveryField() throws IOException {
        ComplaintReport c = complaintOf(Fixtures.resource("complaints/rfc5965-appendix-b2.eml"));
        assertThat(c.feedbackType()).isEqualTo("abuse");
        assertThat(c.userAgent()).contains("SomeGenerator/1.0");
        assertThat(c.version()).contains("1");
        assertThat(c.originalMailFrom()).contains("<somespammer@example.net>");
        assertThat(c.originalRcptTo()).containsExactly("<user@example.com>");
        assertThat(c.arrivalDate()).contains("Thu, 8 Mar 2005 14:00:00 EDT");
        assertThat(c.arrivedAt()).contains(Instant.parse("2005-03-08T18:00:00Z"));
        assertThat(c.reportingMta()).contains("dns; mail.example.com");
        assertThat(c.sourceIp()).contains("192.0.2.1");
        // Folded over two lines in the report: one line here.
        assertThat(c.authenticationResults())
                .containsExactly("mail.example.com; spf=fail smtp.mail=somespammer@example.com");
        assertThat(c.reportedDomains()).containsExactly("example.net");
        assertThat(c.reportedUris()).containsExactly("http://example.net/earn_money.html", "mailto:user@example.com");
        assertThat(c.originalEnvelopeId()).isEmpty();
        assertThat(c.incidents()).isEmpty();
    }

    @Test
    void anAuthFailureReportFromSisimaiKeepsAuthenticationResultsAndTheEnvelope() throws IOException {
        ComplaintReport c = complaintOf(Fixtures.file("bounces-sisimai", "eml/arf-18.eml"));
        assertThat(c.feedbackType()).isEqualTo("auth-failure");
        assertThat(c.userAgent()).contains("Lua/1.0");
        assertThat(c.version()).contains("1.0");
        assertThat(c.originalMailFrom()).contains("sironeko@example.org");
        assertThat(c.originalRcptTo()).containsExactly("kijitora@example.com");
        assertThat(c.arrivedAt()).contains(Instant.parse("2015-04-29T23:34:45Z"));
        assertThat(c.authenticationResults()).containsExactly("dmarc=fail (p=none; dis=none) header.from=example.org");
        assertThat(c.sourceIp()).contains("192.0.2.222");
        assertThat(c.reportedDomains()).containsExactly("example.net");
    }

    @Test
    void theOlderReceivedDateStandsInForArrivalDate() throws IOException {
        ComplaintReport c = complaintOf(Fixtures.file("bounces-sisimai", "eml/arf-01.eml"));
        assertThat(c.feedbackType()).isEqualTo("abuse");
        assertThat(c.userAgent()).contains("SMP-FBL");
        assertThat(c.sourceIp()).contains("192.0.2.89");
        assertThat(c.reportedDomains()).containsExactly("example.ed.jp");
        assertThat(c.arrivalDate()).contains("Thu, 29 Apr 2009 00:00:00 -0000 (EST)");
        assertThat(c.arrivedAt()).contains(Instant.parse("2009-04-29T00:00:00Z"));
        // Not in this report: empty, not guessed.
        assertThat(c.originalMailFrom()).isEmpty();
        assertThat(c.originalRcptTo()).isEmpty();
        assertThat(c.authenticationResults()).isEmpty();
    }

    @Test
    void aComcastReportKeepsItsFieldsInWhateverOrder() throws IOException {
        ComplaintReport c = complaintOf(Fixtures.file("bounces-cws", "emls/fbl_008.eml"));
        assertThat(c.feedbackType()).isEqualTo("abuse");
        assertThat(c.userAgent()).contains("comcast Feedback Loop (V0.01)");
        assertThat(c.reportedDomains()).containsExactly("ourdomain.com");
        assertThat(c.arrivedAt()).contains(Instant.parse("2010-12-24T02:07:37Z"));
        assertThat(c.authenticationResults()).isEmpty();
        assertThat(c.sourceIp()).contains("24.64.1.1");
        assertThat(c.originalRcptTo()).containsExactly("undisclosed comcast recipient <redacted@comcast.net>");
        assertThat(c.originalMailFrom()).contains("support@ourdomain.com");
    }

    @Test
    void aReturnPathReportWithItsOwnFieldsKeepsTheRfcOnes() throws IOException {
        ComplaintReport c = complaintOf(Fixtures.file("bounces-sisimai", "eml/arf-25.eml"));
        assertThat(c.feedbackType()).isEqualTo("abuse");
        assertThat(c.arrivedAt()).contains(Instant.parse("2020-10-31T18:02:57Z"));
        // "Source-Ip": field names are read without regard to case.
        assertThat(c.sourceIp()).contains("10.0.0.1");
        assertThat(c.userAgent()).contains("ReturnPathFBL/2.0");
        assertThat(c.originalRcptTo()).containsExactly("hashed@example.com");
        assertThat(c.originalMailFrom()).contains("alice@example.com");
        assertThat(c.reportedDomains()).containsExactly("example.com");
        // Not in this report: empty, not guessed.
        assertThat(c.reportedUris()).isEmpty();
        assertThat(c.authenticationResults()).isEmpty();
        assertThat(c.incidents()).isEmpty();
    }

    @Test
    void everyArfMessageOfTheFixturesKeepsItsFeedbackType() throws IOException {
        int read = 0;
        for (Path f : Fixtures.files("bounces-sisimai", "eml")) {
            String text = Files.readString(f, StandardCharsets.ISO_8859_1);
            if (!f.getFileName().toString().startsWith("arf-") || !text.contains("message/feedback-report")) {
                continue;
            }
            ComplaintReport c = complaintOf(f);
            assertThat(c.feedbackType()).as(f.toString()).isNotEmpty();
            read++;
        }
        assertThat(read).isGreaterThanOrEqualTo(10);
    }

    @Test
    void incidentsAndEnvelopeIdAreRead() {
        InboundReport r = parser.parse(arf("""
                Feedback-Type: fraud
                User-Agent: Test/1
                Version: 1
                Incidents: 12
                Original-Envelope-Id: env-42
                Reported-Domain: a.example
                Reported-Domain: b.example
                Reported-Domain: a.example
                """).getBytes(StandardCharsets.UTF_8));
        ComplaintReport c = r.complaint().orElseThrow();
        assertThat(c.incidents()).isEqualTo(OptionalInt.of(12));
        assertThat(c.originalEnvelopeId()).contains("env-42");
        assertThat(c.reportedDomains()).containsExactly("a.example", "b.example");
    }

    @Test
    void hostileValuesAreBoundedAndReadInOnePass() {
        String dashes = "-".repeat(4000);
        String longValue = "x".repeat(128 * 1024);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            many.append("Reported-Uri: http://u").append(i).append(".example/\n");
        }
        InboundReport r = parser.parse(arf("Feedback-Type: abuse\n"
                        + "User-Agent: " + longValue + "\n"
                        + "Version: " + dashes + "\n"
                        + "Incidents: 99999999999999999999\n"
                        + "Arrival-Date: " + dashes + "\n"
                        + many)
                .getBytes(StandardCharsets.UTF_8));
        ComplaintReport c = r.complaint().orElseThrow();
        assertThat(c.userAgent().orElseThrow())
                .hasSize(ComplaintReport.MAX_VALUE)
                .endsWith("…");
        assertThat(c.version().orElseThrow()).hasSize(ComplaintReport.MAX_VALUE);
        assertThat(c.incidents()).isEmpty();
        assertThat(c.arrivedAt()).isEmpty();
        assertThat(c.reportedUris()).hasSize(ComplaintReport.MAX_VALUES);
    }

    @Test
    void aComplaintWithoutAFeedbackReportHasNoFields() {
        String jmrp = """
                From: staff@hotmail.com
                To: fbl@agency.example
                Subject: complaint
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="J"

                --J
                Content-Type: message/rfc822

                X-HmXmrOriginalRecipient: someone@hotmail.com
                From: news@agency.example
                To: someone@hotmail.com
                Message-ID: <m1@agency.example>
                Subject: News

                Hello
                --J--
                """;
        InboundReport r = parser.parse(jmrp.getBytes(StandardCharsets.UTF_8));
        assertThat(r.kind()).isEqualTo(ReportKind.FEEDBACK);
        assertThat(r.complaint()).isEqualTo(Optional.empty());
    }

    @Test
    void valuesAreKeptOnOneLine() {
        assertThat(ComplaintReport.bound("  a\r\n\t b \u0000 c  ")).isEqualTo("a b c");
        assertThat(List.of(ComplaintReport.bound(""))).containsExactly("");
    }

    private static String arf(String fields) {
        return """
                From: fbl@isp.example
                To: abuse@agency.example
                Subject: report
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="F"

                --F
                Content-Type: text/plain

                A complaint.

                --F
                Content-Type: message/feedback-report

                """ + fields + """

                --F
                Content-Type: message/rfc822

                From: news@agency.example
                To: someone@isp.example
                Message-ID: <n1@agency.example>
                Subject: News

                Hello
                --F--
                """;
    }
}
