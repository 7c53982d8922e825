package dev.mailroom.app.validation;

import dev.mailroom.model.validation.AddressVerdict;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes verdicts as CSV (RFC 4180 through commons-csv): the address as given, the normalised address,
 * the verdict, the reasons, the suggestion. A cell a spreadsheet would run as a formula (starting with
 * {@code = + - @}, a tab or a carriage return) is written with a leading {@code '}, so that opening the
 * export in a spreadsheet runs nothing.
 */
public final class VerdictCsv implements Closeable {
    public static final String[] HEADER = {"input", "address", "verdict", "reason", "suggestion"};

    private final CSVPrinter printer;

    public VerdictCsv(Writer out) throws IOException {
        this.printer = new CSVPrinter(out, CSVFormat.DEFAULT);
        printer.printRecord((Object[]) HEADER);
    }

    public void write(AddressVerdict v) throws IOException {
        printer.printRecord(
                safe(v.input()),
                safe(v.address().orElse("")),
                v.verdict().word(),
                safe(v.reasonText()),
                safe(v.suggestion().orElse("")));
    }

    /** The cell neutralised for spreadsheets. */
    public static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }

    public void flush() throws IOException {
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
