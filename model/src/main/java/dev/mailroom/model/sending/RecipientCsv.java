package dev.mailroom.model.sending;

import dev.mailroom.model.common.Sheet;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.validation.AddressChecker;
import dev.mailroom.model.validation.AddressColumns;
import dev.mailroom.model.validation.AddressSyntax;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A recipient list from the rows of a file (read by the console's one CSV reader, decision 0043): one
 * address a row, or rows under a header that names the address column ({@link AddressColumns}: "Email
 * Address", "E-mail", "Mail" … in any case), else the first column whose first row holds an @; the other
 * columns become the row's variables. Broken rows are listed with their line number and the reason; good
 * rows are kept.
 *
 * <p>An address is checked with the address checker's syntax check ({@link AddressSyntax}, the one of the
 * Check-addresses tool, the send dialog's typed recipients and the suppression import), and a row it refuses
 * is listed with the checker's reason, so a person reads the same words everywhere. What is shown of a row
 * is clipped to {@link #MAX_SHOWN} characters (a 10 MB cell must not reach a list on the screen).
 */
public final class RecipientCsv {
    public record Recipient(int line, String address, Map<String, String> variables) {}

    public record RowError(int line, String text, String problem) {}

    public record Parsed(List<Recipient> recipients, List<RowError> errors) {}

    /** What a row error keeps of the row's text, at most. */
    public static final int MAX_SHOWN = 120;

    private RecipientCsv() {}

    private static String clip(String text) {
        String t = text == null ? "" : text;
        if (t.length() <= MAX_SHOWN) {
            return t;
        }
        int end = MAX_SHOWN - 1;
        if (Character.isHighSurrogate(t.charAt(end - 1))) {
            end--;
        }
        return t.substring(0, end) + "…";
    }

    public static Parsed parse(Sheet sheet) {
        List<Sheet.Row> rows = sheet.rows();
        List<RowError> errors = new ArrayList<>();
        for (Sheet.Problem p : sheet.problems()) {
            errors.add(new RowError(p.line(), clip(p.text()), p.message()));
        }

        int emailColumn = 0;
        List<String> header = List.of();
        int start = 0;
        if (!rows.isEmpty()) {
            List<String> first = rows.get(0).cells();
            for (int i = 0; i < first.size(); i++) {
                if (AddressColumns.isAddressHeader(first.get(i))) {
                    emailColumn = i;
                    header = first;
                    start = 1;
                    break;
                }
            }
            if (header.isEmpty()) {
                // No header: the addresses are in the first column whose first row holds an @.
                for (int i = 0; i < first.size(); i++) {
                    if (first.get(i).indexOf('@') >= 0) {
                        emailColumn = i;
                        break;
                    }
                }
            }
        }
        List<Recipient> recipients = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int r = start; r < rows.size(); r++) {
            List<String> row = rows.get(r).cells();
            int line = rows.get(r).line();
            String raw = clip(rows.get(r).text());
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (!header.isEmpty() && row.size() != header.size()) {
                errors.add(
                        new RowError(line, raw, "Expected " + header.size() + " columns, found " + row.size() + "."));
                continue;
            }
            String address = emailColumn < row.size() ? row.get(emailColumn).strip() : "";
            if (address.isEmpty()) {
                errors.add(new RowError(line, raw, "No email address."));
                continue;
            }
            AddressSyntax.Result syntax = AddressSyntax.parse(address);
            if (syntax.parsed().isEmpty()) {
                errors.add(new RowError(line, raw, AddressChecker.notAnAddress(address, syntax)));
                continue;
            }
            if (!Text.looksLikeEmail(address)) {
                errors.add(new RowError(
                        line,
                        raw,
                        "Mailroom cannot send to this form of address (a quoted name, a server's IP address or a "
                                + "domain without a dot)."));
                continue;
            }
            if (!seen.add(syntax.parsed().get().ascii().toLowerCase(Locale.ROOT))) {
                errors.add(new RowError(line, raw, address + " appears more than once; its first row is used."));
                continue;
            }
            Map<String, String> vars = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (i != emailColumn) {
                    vars.put(header.get(i).strip(), row.get(i));
                }
            }
            recipients.add(new Recipient(line, address, vars));
        }
        errors.sort(Comparator.comparingInt(RowError::line));
        return new Parsed(recipients, errors);
    }
}
