package dev.mailroom.mailer.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.dmarc.AggregateReport;
import dev.mailroom.model.dmarc.ReportRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Aggregate reports from parsedmarc's samples ({@code fixtures/dmarc-parsedmarc}) and hostile files. */
class AggregateReportReaderTest {
    private final AggregateReportReader reader = new AggregateReportReader();

    static Path fixtures() {
        try {
            var url = AggregateReportReaderTest.class.getResource("/fixtures/dmarc-parsedmarc/README.md");
            if (url == null) {
                throw new IllegalStateException("fixtures/dmarc-parsedmarc missing from the test class path");
            }
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyParsedmarcAggregateSampleParses() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(fixtures().resolve("aggregate"))) {
            files = s.sorted().toList();
        }
        int read = 0;
        long rows = 0;
        for (Path f : files) {
            AggregateReportReader.Result r = reader.read(f.getFileName().toString(), Files.readAllBytes(f));
            System.out.println(f.getFileName() + ": " + r.reports().size() + " report(s) "
                    + r.reports().stream()
                            .map(x -> x.reporterOrg() + "/" + x.reportId() + " "
                                    + x.policy().domain() + " " + x.rows().size() + " rows " + x.messages() + " msgs")
                            .toList()
                    + " " + r.problems());
            assertThat(r.problems()).as(f.getFileName().toString()).isEmpty();
            assertThat(r.reports()).as(f.getFileName().toString()).hasSize(1);
            read++;
            rows += r.reports().get(0).rows().size();
        }
        System.out.printf("parsedmarc aggregate samples: %d of %d read, %d rows%n", read, files.size(), rows);
        assertThat(read).isEqualTo(files.size()).isGreaterThanOrEqualTo(19);
    }

    @Test
    void readsTheFieldsOfAReport() throws IOException {
        AggregateReport r = only("aggregate/example.net!example.com!1529366400!1529452799.xml");
        assertThat(r.reporterOrg()).isEqualTo("example.net");
        assertThat(r.reportId()).isEqualTo("b043f0e264cf4ea995e93765242f6dfb");
        assertThat(r.begin().getEpochSecond()).isEqualTo(1529366400L);
        assertThat(r.policy().domain()).isEqualTo("example.com");
        assertThat(r.policy().p()).isEqualTo("none");
        assertThat(r.rows()).singleElement().satisfies(row -> {
            assertThat(row.sourceIp()).isEqualTo("199.230.200.36");
            assertThat(row.count()).isEqualTo(1);
            assertThat(row.dmarcPass()).isFalse();
            assertThat(row.headerFrom()).isEqualTo("example.com");
        });
    }

    @Test
    void emptyFileIsRejectedWithAClearMessage() throws IOException {
        var r = reader.read("empty.xml", Files.readAllBytes(fixtures().resolve("empty.xml")));
        assertThat(r.reports()).isEmpty();
        assertThat(r.problems()).singleElement().asString().contains("empty");
    }

    @Test
    void upperCasePassIsReadAsPass() throws IOException {
        AggregateReport r = only("aggregate_invalid/report_with_upper_cased_pass.xml");
        assertThat(r.rows()).isNotEmpty();
        assertThat(r.rows()).anyMatch(ReportRow::dkimAligned);
    }

    @Test
    void brokenXmlIsRecovered() throws IOException {
        AggregateReport r = only("aggregate/invalid_xml.xml");
        assertThat(r.reporterEmail()).contains("bad-xml@bad-xml.net");
        assertThat(r.rows()).isNotEmpty();
        assertThat(only("aggregate/invalid_utf_8.xml").rows()).isNotEmpty();
    }

    @Test
    void plainGzipAndZipGiveTheSameReport() throws IOException {
        AggregateReport xml = only("extract_report/nice-input.xml");
        assertThat(only("extract_report/nice-input.xml.gz")).isEqualTo(xml);
        assertThat(only("extract_report/nice-input.xml.zip")).isEqualTo(xml);
        AggregateReport changed = only("extract_report/changed-input.xml");
        assertThat(changed.reporterOrg()).isNotEqualTo(xml.reporterOrg());
        assertThat(changed.rows()).isEqualTo(xml.rows());
    }

    @Test
    void dtdsAndEntitiesAreRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE feedback [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<feedback><report_metadata><org_name>&x;</org_name></report_metadata></feedback>";
        var r = reader.read("xxe.xml", xxe.getBytes(StandardCharsets.UTF_8));
        assertThat(r.reports()).isEmpty();
        assertThat(r.problems()).singleElement().asString().contains("DTD");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "<feedback>" + "<a>".repeat(10_000) + "</feedback>";
        var r = reader.read("deep.xml", deep.getBytes(StandardCharsets.UTF_8));
        assertThat(r.reports()).isEmpty();
        assertThat(r.problems()).singleElement().asString().contains("nested");
    }

    @Test
    void gzipAndZipBombsAreRefused() throws IOException {
        byte[] zeros = new byte[64 * 1024 * 1024];
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("<feedback>".getBytes(StandardCharsets.UTF_8));
            out.write(zeros);
        }
        var r = reader.read("bomb.xml.gz", gz.toByteArray());
        assertThat(r.reports()).isEmpty();
        assertThat(r.problems()).singleElement().asString().contains("zip bomb");

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (int i = 0; i < 40; i++) {
                out.putNextEntry(new ZipEntry("r" + i + ".xml"));
                out.write(Files.readAllBytes(fixtures().resolve("extract_report/nice-input.xml")));
                out.closeEntry();
            }
        }
        var many = reader.read("many.zip", zip.toByteArray());
        assertThat(many.reports()).hasSize(AggregateReportReader.MAX_ZIP_ENTRIES);
        assertThat(many.problems()).singleElement().asString().contains("more than");
    }

    @Test
    void malformedInputGivesAProblemNotAnException() {
        for (String s : List.of(
                "<", "<feedback>", "<feedback><policy_published><domain>x</domain>", "not xml", "\u0000\u0001")) {
            var r = reader.read("bad", s.getBytes(StandardCharsets.UTF_8));
            assertThat(r.reports()).as(s).isEmpty();
            assertThat(r.problems()).as(s).isNotEmpty();
        }
    }

    private AggregateReport only(String path) throws IOException {
        var r = reader.read(path, Files.readAllBytes(fixtures().resolve(path)));
        assertThat(r.problems()).as(path).isEmpty();
        assertThat(r.reports()).as(path).hasSize(1);
        return r.reports().get(0);
    }
}
