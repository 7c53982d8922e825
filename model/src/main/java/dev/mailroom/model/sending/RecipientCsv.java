package dev.mailroom.model.sending;

import dev.mailroom.model.common.Text;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a recipient list: one address a line, or a CSV (RFC 4180 quoting, comma or semicolon) whose
 * header names an "email" column; the other columns become the row's variables. Broken rows are
 * listed with their line number and the reason; good rows are kept.
 */
public final class RecipientCsv {
    public record Recipient(int line, String address, Map<String, String> variables) {}

    public record RowError(int line, String text, String problem) {}

    public record Parsed(List<Recipient> recipients, List<RowError> errors) {}

    private RecipientCsv() {}

    public static Parsed parse(String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        List<List<String>> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        char sep = guessSeparator(text);
        split(text, sep, rows, lines, raw, errors);

        int emailColumn = 0;
        List<String> header = List.of();
        int start = 0;
        if (!rows.isEmpty()) {
            List<String> first = rows.get(0);
            for (int i = 0; i < first.size(); i++) {
                String h = first.get(i).strip().toLowerCase(Locale.ROOT);
                if (h.equals("email") || h.equals("e-mail") || h.equals("email address") || h.equals("address")) {
                    emailColumn = i;
                    header = first;
                    start = 1;
                    break;
                }
            }
        }
        List<Recipient> recipients = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int r = start; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            int line = lines.get(r);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (!header.isEmpty() && row.size() != header.size()) {
                errors.add(new RowError(
                        line, raw.get(r), "Expected " + header.size() + " columns, found " + row.size() + "."));
                continue;
            }
            String address = emailColumn < row.size() ? row.get(emailColumn).strip() : "";
            if (!Text.looksLikeEmail(address)) {
                errors.add(new RowError(
                        line,
                        raw.get(r),
                        address.isEmpty() ? "No email address." : "\"" + address + "\" is not an email address."));
                continue;
            }
            if (!seen.add(address.toLowerCase(Locale.ROOT))) {
                errors.add(new RowError(line, raw.get(r), address + " appears more than once; sent once."));
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
        return new Parsed(recipients, errors);
    }

    private static char guessSeparator(String text) {
        int nl = text.indexOf('\n');
        String first = nl < 0 ? text : text.substring(0, nl);
        return first.chars().filter(c -> c == ';').count()
                        > first.chars().filter(c -> c == ',').count()
                ? ';'
                : ',';
    }

    /** RFC 4180 fields; a quoted field may hold separators, doubled quotes and line breaks. */
    private static void split(
            String text,
            char sep,
            List<List<String>> rows,
            List<Integer> lines,
            List<String> raw,
            List<RowError> errors) {
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int rowLine = 1;
        int rowStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '\n';
            boolean end = i == text.length();
            if (quoted && !end) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                continue;
            }
            if (quoted) { // the text ended inside quotes
                errors.add(
                        new RowError(rowLine, text.substring(rowStart).strip(), "A quote is opened and never closed."));
                return;
            }
            if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == sep) {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString().replaceAll("\r$", ""));
                field.setLength(0);
                if (!(end && row.size() == 1 && row.get(0).isEmpty())) {
                    rows.add(row);
                    lines.add(rowLine);
                    raw.add(text.substring(rowStart, Math.min(i, text.length())).strip());
                }
                row = new ArrayList<>();
                line++;
                rowLine = line;
                rowStart = i + 1;
            } else {
                field.append(c);
            }
        }
    }
}
