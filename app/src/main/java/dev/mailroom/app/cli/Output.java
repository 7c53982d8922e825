package dev.mailroom.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How commands print: rows as an aligned table for a person or a JSON array with {@code --json}; a
 * result as one sentence or a JSON object. Values are strings, numbers, booleans or lists of them.
 */
final class Output {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Output() {}

    /** An ordered row: {@code row("id", 4, "name", "Acme")}. */
    static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static void rows(CliContext ctx, List<Map<String, Object>> rows, String... columns) {
        PrintWriter out = ctx.out();
        if (ctx.json()) {
            out.println(json(rows));
            return;
        }
        if (rows.isEmpty()) {
            out.println("(none)");
            return;
        }
        int[] width = new int[columns.length];
        List<String[]> cells = new ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            width[c] = columns[c].length();
        }
        for (Map<String, Object> r : rows) {
            String[] line = new String[columns.length];
            for (int c = 0; c < columns.length; c++) {
                line[c] = text(r.get(columns[c]));
                width[c] = Math.max(width[c], line[c].length());
            }
            cells.add(line);
        }
        out.println(line(columns, width));
        for (String[] line : cells) {
            out.println(line(line, width));
        }
    }

    /** One result: the sentence for a person, the object for a script. */
    static void result(CliContext ctx, String sentence, Map<String, Object> object) {
        if (ctx.json()) {
            ctx.out().println(json(object));
        } else {
            ctx.out().println(sentence);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain values always serialise", e);
        }
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> list) {
            return String.join(", ", list.stream().map(Output::text).toList());
        }
        return v.toString();
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                b.append("  ");
            }
            b.append(cells[c]);
            if (c < cells.length - 1) {
                b.append(" ".repeat(width[c] - cells[c].length()));
            }
        }
        return b.toString();
    }

    /** Writes an export's CSV to a writer. */
    @FunctionalInterface
    interface CsvExport {
        void write(Writer out) throws IOException;
    }

    /**
     * An export as the console makes it: with {@code --json} and no file, the rows as JSON; with no file,
     * the CSV on standard output; else the CSV in the file and one sentence (or object) saying so.
     */
    static int export(
            CliContext ctx,
            Path file,
            List<Map<String, Object>> jsonRows,
            CsvExport csv,
            String sentence,
            Map<String, Object> object)
            throws IOException {
        if (file == null) {
            if (ctx.json()) {
                ctx.out().println(json(jsonRows));
            } else {
                StringWriter w = new StringWriter();
                csv.write(w);
                ctx.out().print(w);
            }
            return ExitCode.OK;
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            csv.write(w);
        }
        result(ctx, sentence, object);
        return ExitCode.OK;
    }
}
