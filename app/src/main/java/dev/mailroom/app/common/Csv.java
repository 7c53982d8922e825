package dev.mailroom.app.common;

import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.Sheet;
import dev.mailroom.model.common.Table;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The console's one way to read and write CSV (decision 0043), over Apache Commons CSV.
 *
 * <p>Reading takes files as people have them: UTF-8 with or without a byte order mark, Excel's
 * "Unicode text" (UTF-16 with a mark) and older Excel's Windows-1252; comma, semicolon or tab between
 * cells (guessed from the first line). Lines, cells, rows and the file are bounded, with a message a
 * person can act on; a broken record ends the reading but the rows before it are kept.
 *
 * <p>Writing is RFC 4180 (CRLF, quotes where needed) and formula-safe: a cell that a spreadsheet
 * would run (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe, unless it is
 * a plain number such as a credit's "-30.00" or the sign alone (the DNS apex "@").
 */
public final class Csv {
    /** Larger files are refused before they are read. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;
    /** A physical line longer than this is not a list someone made. */
    public static final int MAX_LINE_CHARS = 100_000;
    /** A cell longer than this (a quoted one may span lines) leaves its row out. */
    public static final int MAX_CELL_CHARS = 32_768;

    public static final int MAX_ROWS = 1_000_000;

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private Csv() {}

    // ---- writing

    /** Writes the table, header first, formula-safe. */
    public static void write(Writer out, Table table) throws IOException {
        CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
        printer.printRecord(safe(table.header()));
        for (List<String> row : table.rows()) {
            printer.printRecord(safe(row));
        }
        printer.flush();
    }

    /** Writes the table to a file in UTF-8. */
    public static void write(Path file, Table table) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(out, table);
        }
    }

    /** The table as CSV text. */
    public static String text(Table table) {
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            write(out, table);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static List<String> safe(List<String> cells) {
        List<String> out = new ArrayList<>(cells.size());
        for (String c : cells) {
            out.add(safe(c));
        }
        return out;
    }

    /**
     * A cell a spreadsheet would run as a formula gets a leading apostrophe. Numbers stay numbers, and a
     * lone sign stays as it is: nothing follows it to run (the DNS hand-off's "@" is the zone's apex).
     */
    static String safe(String value) {
        String v = value == null ? "" : value;
        if (v.length() > 1 && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !plainNumber(v)) {
            return "'" + v;
        }
        return v;
    }

    /** "-30.00", "+1", "12": a sign, digits and at most one dot between digits. Linear, no regex. */
    private static boolean plainNumber(String v) {
        int i = v.charAt(0) == '-' || v.charAt(0) == '+' ? 1 : 0;
        boolean digits = false;
        boolean dot = false;
        for (; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == '.' && !dot && digits) {
                dot = true;
                digits = false;
            } else {
                return false;
            }
        }
        return digits;
    }

    // ---- reading

    /** Reads a file a person chose. */
    public static Sheet read(Path file) throws IOException {
        String name = String.valueOf(file.getFileName());
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new InvalidInput(
                    "file",
                    name + " is " + (size / (1024 * 1024)) + " MB; lists up to " + (MAX_BYTES / (1024 * 1024))
                            + " MB can be read. Split it into smaller files.");
        }
        return read(name, Files.readAllBytes(file));
    }

    /** Reads the bytes of a file called {@code name} (for messages). */
    public static Sheet read(String name, byte[] bytes) {
        return parse(name, decode(bytes));
    }

    /** UTF-8 (with or without a mark), UTF-16 with a mark or without one, else Windows-1252. */
    static String decode(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
        }
        if (utf16WithoutMark(b, 1)) {
            return new String(b, StandardCharsets.UTF_16LE);
        }
        if (utf16WithoutMark(b, 0)) {
            return new String(b, StandardCharsets.UTF_16BE);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(b, WINDOWS_1252);
        }
    }

    /** ASCII text in UTF-16: in the first 512 pairs, the high bytes (at {@code zeroAt}) are all zero. */
    private static boolean utf16WithoutMark(byte[] b, int zeroAt) {
        int pairs = Math.min(b.length / 2, 512);
        if (pairs < 2 || b.length % 2 != 0) {
            return false;
        }
        for (int i = 0; i < pairs; i++) {
            if (b[2 * i + zeroAt] != 0 || b[2 * i + 1 - zeroAt] == 0) {
                return false;
            }
        }
        return true;
    }

    static Sheet parse(String name, String text) {
        int[] lineStarts = checkLines(name, text);
        char separator = separator(text);
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(separator)
                .setIgnoreEmptyLines(true)
                .setTrailingData(true)
                .get();
        List<Sheet.Row> rows = new ArrayList<>();
        List<Sheet.Problem> problems = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                long linesBefore = parser.getCurrentLineNumber();
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException broken) {
                    int line = firstTextLine(text, lineStarts, (int) linesBefore + 1);
                    problems.add(new Sheet.Problem(line, excerpt(text, lineStarts, line), brokenMessage(broken)));
                    break;
                }
                int line = lineOf(text, lineStarts, record.getCharacterPosition());
                if (rows.size() >= MAX_ROWS) {
                    throw new InvalidInput(
                            "file",
                            name + " has more than " + Formats.count(MAX_ROWS) + " rows; split it into smaller files.");
                }
                List<String> cells = record.toList();
                if (cells.stream().anyMatch(c -> c.length() > MAX_CELL_CHARS)) {
                    problems.add(new Sheet.Problem(
                            line,
                            excerpt(text, lineStarts, line),
                            "A cell is longer than " + Formats.count(MAX_CELL_CHARS)
                                    + " characters (is a quote left open?)."));
                    continue;
                }
                rows.add(new Sheet.Row(line, cells));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String does not fail
        }
        return new Sheet(rows, problems);
    }

    /** Refuses binary data and overlong lines; returns where each line starts. */
    private static int[] checkLines(String name, String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        int lineStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                throw new InvalidInput(
                        "file",
                        name + " holds binary data (line " + starts.size() + "): it is not a text or CSV file.");
            }
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
                lineStart = i + 1;
            } else if (i - lineStart >= MAX_LINE_CHARS) {
                throw new InvalidInput(
                        "file",
                        "Line " + starts.size() + " of " + name + " is longer than " + Formats.count(MAX_LINE_CHARS)
                                + " characters: it is not a list of rows. Is it a CSV file?");
            }
        }
        int[] out = new int[starts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = starts.get(i);
        }
        return out;
    }

    /** The most frequent of comma, semicolon and tab on the first line (outside quotes); comma on a tie. */
    static char separator(String text) {
        int comma = 0;
        int semicolon = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ',') {
                comma++;
            } else if (!quoted && c == ';') {
                semicolon++;
            } else if (!quoted && c == '\t') {
                tab++;
            }
        }
        if (semicolon > comma && semicolon >= tab) {
            return ';';
        }
        if (tab > comma && tab > semicolon) {
            return '\t';
        }
        return ',';
    }

    /** The 1-based line of a character position, past any empty lines the parser skipped. */
    private static int lineOf(String text, int[] lineStarts, long position) {
        int p = (int) position;
        while (p < text.length() && (text.charAt(p) == '\n' || text.charAt(p) == '\r')) {
            p++;
        }
        int i = java.util.Arrays.binarySearch(lineStarts, p);
        return i >= 0 ? i + 1 : -i - 1;
    }

    private static int firstTextLine(String text, int[] lineStarts, int line) {
        int l = Math.max(1, Math.min(line, lineStarts.length));
        while (l < lineStarts.length && lineEnd(text, lineStarts, l) == lineStarts[l - 1]) {
            l++;
        }
        return l;
    }

    private static int lineEnd(String text, int[] lineStarts, int line) {
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        while (end > lineStarts[line - 1] && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    private static String excerpt(String text, int[] lineStarts, int line) {
        int start = lineStarts[Math.max(0, Math.min(line, lineStarts.length) - 1)];
        int end = lineEnd(text, lineStarts, Math.min(line, lineStarts.length));
        String s = text.substring(start, Math.max(start, end)).strip();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static String brokenMessage(RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("EOF reached before encapsulated token finished")) {
            return "A quote is opened and never closed; the rows from here on are left out.";
        }
        return "This row cannot be read (a stray quote?); the rows from here on are left out.";
    }
}
