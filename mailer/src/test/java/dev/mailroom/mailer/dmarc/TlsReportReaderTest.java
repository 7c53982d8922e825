package dev.mailroom.mailer.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.dmarc.TlsReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** SMTP TLS reports (RFC 8460) from parsedmarc's samples ({@code fixtures/dmarc-parsedmarc/smtp_tls}). */
class TlsReportReaderTest {
    private final TlsReportReader reader = new TlsReportReader();

    private TlsReport only(String file) throws IOException {
        var r = reader.read(
                file,
                Files.readAllBytes(
                        AggregateReportReaderTest.fixtures().resolve("smtp_tls").resolve(file)));
        assertThat(r.problems()).as(file).isEmpty();
        assertThat(r.reports()).as(file).hasSize(1);
        return r.reports().get(0);
    }

    @Test
    void readsTheRfcExampleWithFailuresByType() throws IOException {
        TlsReport r = only("rfc8460.json");
        assertThat(r.organisation()).isEqualTo("Company-X");
        assertThat(r.reportId()).isEqualTo("5065427c-23d3-47ca-b6e0-946ea0e8c4be");
        assertThat(r.policies()).singleElement().satisfies(p -> {
            assertThat(p.domain()).isEqualTo("company-y.example");
            assertThat(p.type()).isEqualTo("sts");
            assertThat(p.succeeded()).isEqualTo(5326);
            assertThat(p.failed()).isEqualTo(303);
            assertThat(p.failuresByType())
                    .containsEntry("certificate-expired", 100L)
                    .containsEntry("starttls-not-supported", 200L);
        });
    }

    @Test
    void everySampleReadsFromJsonAndFromTheReportEmail() throws IOException {
        for (String f : new String[] {"mail.ru.json", "smtp_tls.json", "google.com_smtp_tls_report.eml"}) {
            TlsReport r = only(f);
            System.out.println(f + ": " + r);
            assertThat(r.policies()).as(f).isNotEmpty();
        }
        assertThat(only("mail.ru.json").policies().get(0).failuresByType()).containsEntry("sts-policy-fetch-error", 2L);
    }

    @Test
    void badInputGivesAProblem() {
        for (String s : new String[] {"", "{", "{\"policies\": 3}", "[".repeat(100), "hello"}) {
            var r = reader.read("bad.json", s.getBytes(StandardCharsets.UTF_8));
            assertThat(r.reports()).as(s).isEmpty();
            assertThat(r.problems()).as(s).isNotEmpty();
        }
    }

    @Test
    void gzipAndReportEmailsReadAsTheJsonDoes() throws IOException {
        byte[] json = Files.readAllBytes(
                AggregateReportReaderTest.fixtures().resolve("smtp_tls").resolve("rfc8460.json"));
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(json);
        }
        var decoded = reader.decode("rfc8460.json.gz", gz.toByteArray());
        assertThat(decoded.problems()).isEmpty();
        assertThat(decoded.reports())
                .singleElement()
                .satisfies(r -> assertThat(r.reportId()).isEqualTo("5065427c-23d3-47ca-b6e0-946ea0e8c4be"));
    }

    @Test
    void aGzipBombIsRefusedInWords() throws IOException {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write("{\"policies\": [".getBytes(StandardCharsets.UTF_8));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 20; i++) {
                out.write(spaces);
            }
        }
        var decoded = reader.decode("bomb.json.gz", gz.toByteArray());
        assertThat(decoded.reports()).isEmpty();
        assertThat(decoded.problems()).singleElement().asString().contains("zip bomb");
    }
}
