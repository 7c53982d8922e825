package dev.mailroom.app.validation;

import dev.mailroom.model.validation.AddressColumns;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Lists of addresses as people have them: pasted text (one a line, or separated by commas or
 * semicolons), or a CSV file read as a stream (never loaded whole). The file's encoding is found from its
 * byte-order mark, else UTF-8 when its first megabyte decodes as UTF-8, else Windows-1252 (what Excel on
 * Windows saves); the address column from its header ("email", "E-mail", "Email Address", "mail" … in any
 * case), else the first column whose first row holds an {@code @}.
 */
public final class AddressLists {
    /** How much of a file decides its encoding. */
    static final int SNIFF = 1 << 20;

    private AddressLists() {}

    /** The addresses of pasted text. */
    public static List<String> pasted(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '\n';
            if (c == '\n' || c == '\r' || c == ',' || c == ';') {
                String piece = text.substring(start, i).strip();
                if (!piece.isEmpty()) {
                    out.add(piece);
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** An open CSV file: the addresses of one column, read row by row. Close it when done. */
    public static final class CsvAddresses implements Iterator<String>, Closeable {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final int column;
        private final String encoding;
        private final String columnName;
        private String pending;

        private CsvAddresses(
                CSVParser parser,
                Iterator<CSVRecord> records,
                int column,
                String columnName,
                String encoding,
                String firstValue) {
            this.parser = parser;
            this.records = records;
            this.column = column;
            this.columnName = columnName;
            this.encoding = encoding;
            this.pending = firstValue;
        }

        /** "UTF-8", "UTF-16 (byte-order mark)", "Windows-1252": how the file was read. */
        public String encoding() {
            return encoding;
        }

        /** The column read: its header, or "column 2" when the file has no header. */
        public String column() {
            return columnName;
        }

        @Override
        public boolean hasNext() {
            if (pending != null) {
                return true;
            }
            try {
                while (records.hasNext()) {
                    CSVRecord r = records.next();
                    if (r.size() == 1 && r.get(0).isBlank()) {
                        continue;
                    }
                    pending = column < r.size() ? r.get(column) : "";
                    return true;
                }
            } catch (UncheckedIOException e) {
                throw new UncheckedIOException(
                        "The file could not be read past row " + parser.getRecordNumber() + ".", e.getCause());
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException(
                        "The file is not valid CSV near row " + parser.getRecordNumber()
                                + " (a quote that never closes?).",
                        e);
            }
            return false;
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            String v = pending;
            pending = null;
            return v;
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }

    /**
     * Opens a CSV (or plain text, one address a line) file.
     *
     * @throws IllegalArgumentException when the file is empty or has no column of addresses, in words
     */
    public static CsvAddresses open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        try {
            in.mark(SNIFF + 4);
            byte[] head = in.readNBytes(SNIFF);
            in.reset();
            Charset cs;
            String encoding;
            int skip = 0;
            if (head.length == 0) {
                throw new IllegalArgumentException("The file is empty.");
            } else if (head.length >= 3
                    && (head[0] & 0xFF) == 0xEF
                    && (head[1] & 0xFF) == 0xBB
                    && (head[2] & 0xFF) == 0xBF) {
                cs = StandardCharsets.UTF_8;
                encoding = "UTF-8 (byte-order mark)";
                skip = 3;
            } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
                cs = StandardCharsets.UTF_16LE;
                encoding = "UTF-16 (byte-order mark)";
                skip = 2;
            } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
                cs = StandardCharsets.UTF_16BE;
                encoding = "UTF-16 (byte-order mark)";
                skip = 2;
            } else if (decodesAsUtf8(head, head.length == SNIFF)) {
                cs = StandardCharsets.UTF_8;
                encoding = "UTF-8";
            } else {
                cs = Charset.forName("windows-1252");
                encoding = "Windows-1252";
            }
            in.skipNBytes(skip);
            CharsetDecoder decoder = cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            Reader reader = new BufferedReader(new InputStreamReader(in, decoder), 64 * 1024);
            CSVParser parser = CSVFormat.DEFAULT
                    .builder()
                    .setIgnoreSurroundingSpaces(true)
                    .get()
                    .parse(reader);
            Iterator<CSVRecord> records = parser.iterator();
            CSVRecord first = null;
            while (records.hasNext()) {
                CSVRecord r = records.next();
                if (!(r.size() == 1 && r.get(0).isBlank())) {
                    first = r;
                    break;
                }
            }
            if (first == null) {
                parser.close();
                throw new IllegalArgumentException("The file has no rows.");
            }
            for (int i = 0; i < first.size(); i++) {
                if (AddressColumns.isAddressHeader(first.get(i))) {
                    return new CsvAddresses(
                            parser, records, i, "“" + clip(first.get(i).strip(), 40) + "”", encoding, null);
                }
            }
            for (int i = 0; i < first.size(); i++) {
                if (first.get(i).indexOf('@') >= 0) {
                    return new CsvAddresses(
                            parser, records, i, "column " + (i + 1) + " (no header)", encoding, first.get(i));
                }
            }
            parser.close();
            throw new IllegalArgumentException("No column of addresses found: the first row has no header such as "
                    + "“email” or “E-mail Address” and no cell with an @. First row: "
                    + clip(String.join(", ", first.toList()), 120));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static boolean decodesAsUtf8(byte[] head, boolean cut) {
        CharsetDecoder d = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int len = head.length;
        if (cut) {
            // The sample may end inside a character: leave out an unfinished last sequence.
            int back = 0;
            while (back < 3 && len - back - 1 >= 0 && (head[len - back - 1] & 0xC0) == 0x80) {
                back++;
            }
            if (len - back - 1 >= 0 && (head[len - back - 1] & 0xC0) == 0xC0) {
                len = len - back - 1;
            }
        }
        try {
            d.decode(ByteBuffer.wrap(head, 0, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** At most {@code max} characters of {@code s}, with an ellipsis and the full length when cut. */
    public static String clip(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + "… (" + String.format(Locale.ENGLISH, "%,d", s.length()) + " characters)";
    }
}
