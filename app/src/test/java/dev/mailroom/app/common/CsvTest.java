package dev.mailroom.app.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.Sheet;
import dev.mailroom.model.common.Sheet.Row;
import dev.mailroom.model.common.Table;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one CSV reader and writer (decision 0043): files as people have them, formula-safe output. */
class CsvTest {
    @TempDir
    Path dir;

    private static List<List<String>> cells(Sheet s) {
        return s.rows().stream().map(Row::cells).toList();
    }

    @Test
    void readsUtf8WithAndWithoutAMarkAndKeepsLineNumbers() {
        String text = "Name,Email\r\n\"Bö, Jr.\",bo@example.net\r\n\r\n\"Multi\nline\",eve@example.net\r\n";
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        byte[] marked = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        for (byte[] b : List.of(plain, marked)) {
            Sheet s = Csv.read("list.csv", b);
            assertThat(cells(s))
                    .containsExactly(
                            List.of("Name", "Email"),
                            List.of("Bö, Jr.", "bo@example.net"),
                            List.of("Multi\nline", "eve@example.net"));
            assertThat(s.rows()).extracting(Row::line).containsExactly(1, 2, 4);
            assertThat(s.problems()).isEmpty();
        }
    }

    @Test
    void readsExcelsUnicodeTextAndWindows1252WithSemicolons() {
        // Excel's "Unicode Text": UTF-16LE with a mark, tabs between cells.
        byte[] utf16 = "\uFEFFemail\tname\r\nann@example.net\tÅsa Öberg\r\n".getBytes(StandardCharsets.UTF_16LE);
        assertThat(cells(Csv.read("u.txt", utf16)))
                .containsExactly(List.of("email", "name"), List.of("ann@example.net", "Åsa Öberg"));
        // The same without a mark.
        byte[] bare = "email\tname\r\nann@example.net\tAsa\r\n".getBytes(StandardCharsets.UTF_16LE);
        assertThat(cells(Csv.read("u.txt", bare)))
                .containsExactly(List.of("email", "name"), List.of("ann@example.net", "Asa"));
        // Excel "CSV" in a German locale: Windows-1252, semicolons, a euro sign and umlauts.
        byte[] cp1252 =
                "E-Mail;Name;Betrag\r\njö@example.de;Jörg Müller;5 €\r\n".getBytes(Charset.forName("windows-1252"));
        assertThat(cells(Csv.read("de.csv", cp1252)))
                .containsExactly(List.of("E-Mail", "Name", "Betrag"), List.of("jö@example.de", "Jörg Müller", "5 €"));
    }

    @Test
    void theSeparatorIsGuessedFromTheFirstLineOutsideQuotes() {
        assertThat(Csv.separator("a;b;c\n1,2;3;4")).isEqualTo(';');
        assertThat(Csv.separator("\"x;y;z\",b\n")).isEqualTo(',');
        assertThat(Csv.separator("a\tb\tc\n")).isEqualTo('\t');
        assertThat(Csv.separator("ann@example.net\n")).isEqualTo(',');
    }

    @Test
    void aHostileFileIsRefusedOrCutWithAClearMessageAndTheGoodRowsKept() throws Exception {
        // Binary data (a zip renamed .csv).
        byte[] zip = {'P', 'K', 3, 4, 0, 0, 0, 0, 'x', 'y'};
        assertThatThrownBy(() -> Csv.read("list.csv", zip))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("list.csv holds binary data");
        // One line of a million characters.
        byte[] longLine = ("email\n" + "a".repeat(1_000_000)).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Csv.read("big.csv", longLine))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("Line 2 of big.csv is longer than 100,000 characters");
        // A quote opened and never closed: the rows before it stay, the problem names its line.
        Sheet open = Csv.read(
                "q.csv", "email,name\nann@example.net,Ann\n\nbob@example.net,\"Bob\ncat@example.net,Cat\n".getBytes());
        assertThat(cells(open)).containsExactly(List.of("email", "name"), List.of("ann@example.net", "Ann"));
        assertThat(open.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.text()).isEqualTo("bob@example.net,\"Bob");
            assertThat(p.message()).contains("never closed");
        });
        // A quoted cell spanning lines beyond the cell limit leaves its row out, the next rows stay.
        String huge = "x\n".repeat(Csv.MAX_CELL_CHARS / 2 + 10);
        Sheet cell =
                Csv.read("c.csv", ("email,note\nann@example.net,\"" + huge + "\"\nbob@example.net,ok\n").getBytes());
        assertThat(cells(cell)).containsExactly(List.of("email", "note"), List.of("bob@example.net", "ok"));
        assertThat(cell.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("longer than 32,768 characters");
        });
        // A file over the size limit is refused before it is read (a sparse file: no 64 MB written).
        Path big = dir.resolve("huge.csv");
        try (var ch = java.nio.channels.FileChannel.open(
                big, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}), Csv.MAX_BYTES);
        }
        assertThatThrownBy(() -> Csv.read(big))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("huge.csv is 64 MB; lists up to 64 MB can be read");
    }

    @Test
    void writesRfc4180AndNeutralisesFormulasButNotNumbers() throws Exception {
        Table t = new Table(
                List.of("cell", "amount"),
                List.of(
                        List.of("=HYPERLINK(\"http://evil\")", "-30.00"),
                        List.of("+cmd|' /C calc'!A0", "+1"),
                        List.of("-2+3", "12"),
                        List.of("@SUM(A1)", "1.5"),
                        List.of("\tTAB", ""),
                        List.of("\rCR", "x"),
                        List.of("a, \"quoted\"\nline", "-"),
                        List.of("@", "=")));
        Path file = dir.resolve("out.csv");
        Csv.write(file, t);
        String written = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(written)
                .isEqualTo("cell,amount\r\n"
                        + "\"'=HYPERLINK(\"\"http://evil\"\")\",-30.00\r\n"
                        + "'+cmd|' /C calc'!A0,+1\r\n"
                        + "'-2+3,12\r\n"
                        + "'@SUM(A1),1.5\r\n"
                        + "'\tTAB,\r\n"
                        + "\"'\rCR\",x\r\n"
                        + "\"a, \"\"quoted\"\"\nline\",-\r\n"
                        + "@,=\r\n");
        // What is written reads back (the apostrophes stay: they are what keeps the spreadsheet safe).
        Sheet back = Csv.read(file);
        assertThat(back.rows()).hasSize(9);
        assertThat(back.rows().get(1).cells()).containsExactly("'=HYPERLINK(\"http://evil\")", "-30.00");
        assertThat(back.rows().get(7).cells()).containsExactly("a, \"quoted\"\nline", "-");
        assertThat(Csv.text(t)).isEqualTo(written);
    }
}
