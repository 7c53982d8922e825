package dev.mailroom.model.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttachmentsTest {
    private static final byte[] ONE = {1};

    @Test
    void everydayFilesAreTakenWithTheTypeTheirExtensionSays() {
        List<Attachment> files = List.of(
                Attachment.named("Receipt 2026-0012.PDF", ONE),
                Attachment.named("invite.ics", ONE),
                Attachment.named("Rechnung März.xlsx", ONE),
                Attachment.named("notes", ONE));
        assertThat(Attachments.problem(files)).isEmpty();
        assertThat(files)
                .extracting(Attachment::mediaType)
                .containsExactly(
                        "application/pdf",
                        "text/calendar",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "application/octet-stream");
    }

    @ParameterizedTest
    @ValueSource(strings = {"setup.exe", "invoice.pdf.js", "RUN.BAT", "macro.vbs", "disk.iso", "tool.jar"})
    void programsAndScriptsAreRefusedBecauseMailboxProvidersRefuseThem(String name) {
        assertThat(Attachments.problem(List.of(Attachment.named(name, ONE))))
                .hasValueSatisfying(p -> assertThat(p).contains(name).contains("refuse"));
    }

    @Test
    void theTotalSizeIsLimitedAndSaidInMegabytes() {
        byte[] six = new byte[6 * 1024 * 1024];
        assertThat(Attachments.problem(List.of(Attachment.named("a.pdf", six), Attachment.named("b.pdf", six))))
                .hasValueSatisfying(p -> assertThat(p).contains("12.0 MB").contains("10.0 MB"));
        assertThat(Attachments.problem(List.of(Attachment.named("a.pdf", six)))).isEmpty();
    }

    @Test
    void tooManyEmptyTwiceOrBadlyNamedFilesAreRefusedInWords() {
        List<Attachment> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(Attachment.named("f" + i + ".txt", ONE));
        }
        assertThat(Attachments.problem(eleven))
                .hasValueSatisfying(p -> assertThat(p).contains("at most 10"));
        assertThat(Attachments.problem(List.of(Attachment.named("empty.txt", new byte[0]))))
                .hasValueSatisfying(p -> assertThat(p).contains("empty"));
        assertThat(Attachments.problem(List.of(Attachment.named("a.txt", ONE), Attachment.named("A.TXT", ONE))))
                .hasValueSatisfying(p -> assertThat(p).contains("twice"));
        assertThat(Attachments.nameProblem("line\nbreak.txt")).isPresent();
        assertThat(Attachments.nameProblem("quote\".txt")).isPresent();
        assertThat(Attachments.nameProblem("x".repeat(151) + ".txt")).isPresent();
        assertThat(Attachments.nameProblem("  ")).isPresent();
    }

    @Test
    void aPathGivesItsFileNameAndSizesReadAsPeopleSayThem() {
        assertThat(Attachments.baseName("C:\\Users\\ann\\Rechnung.pdf")).isEqualTo("Rechnung.pdf");
        assertThat(Attachments.baseName("/home/ann/r.pdf")).isEqualTo("r.pdf");
        assertThat(Attachments.size(820)).isEqualTo("820 bytes");
        assertThat(Attachments.size(14 * 1024)).isEqualTo("14 KB");
        assertThat(Attachments.size(2_516_582)).isEqualTo("2.4 MB");
    }
}
