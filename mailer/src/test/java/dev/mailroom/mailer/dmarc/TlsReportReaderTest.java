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

    /**
     * Mutated reports (bytes flipped, cut, repeated, numbers made negative or huge): nothing escapes,
     * every file gives reports or a problem, and every report read is either fit to store or refused
     * whole by the use case's check.
     */
    @Test
    void mutatedReportsNeverThrowAndAlwaysSaySomething() throws IOException {
        byte[] base = Files.readAllBytes(
                AggregateReportReaderTest.fixtures().resolve("smtp_tls").resolve("rfc8460.json"));
        String text = new String(base, StandardCharsets.UTF_8);
        java.util.Random random = new java.util.Random(8460);
        int read = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] b;
            switch (i % 5) {
                case 0 -> {
                    b = base.clone();
                    for (int k = 0; k < 1 + random.nextInt(8); k++) {
                        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                    }
                }
                case 1 -> b = java.util.Arrays.copyOf(base, random.nextInt(base.length));
                case 2 ->
                    b = text.replaceFirst("\\d+", random.nextBoolean() ? "-7" : "99999999999999999999999")
                            .getBytes(StandardCharsets.UTF_8);
                case 3 -> {
                    int from = random.nextInt(base.length);
                    int to = Math.min(base.length, from + random.nextInt(200));
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    out.write(base, 0, to);
                    for (int k = 0; k < 20; k++) {
                        out.write(base, from, to - from);
                    }
                    out.write(base, to, base.length - to);
                    b = out.toByteArray();
                }
                default -> b = text.replace("\"" + pick(random) + "\"", "\"\"").getBytes(StandardCharsets.UTF_8);
            }
            var d = reader.decode("mutant-" + i + ".json", b);
            assertThat(d.reports().size() + d.problems().size())
                    .as("mutant %d", i)
                    .isPositive();
            for (TlsReport r : d.reports()) {
                dev.mailroom.model.dmarc.TlsReportService.problem(r);
                read++;
            }
        }
        assertThat(read).as("some mutants still read").isPositive();
    }

    private static String pick(java.util.Random random) {
        String[] keys = {"organization-name", "report-id", "policy-domain", "policies", "start-datetime", "summary"};
        return keys[random.nextInt(keys.length)];
    }
}
