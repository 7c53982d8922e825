package dev.mailroom.model.common;

import java.util.List;

/**
 * The rows of a file a person brought (a CSV read by {@code app.common.Csv}, decision 0043), each with
 * the line it starts on, and the rows that could not be read, so a use case keeps the good rows and can
 * say which ones it left out.
 */
public record Sheet(List<Row> rows, List<Problem> problems) {
    public Sheet {
        rows = List.copyOf(rows);
        problems = List.copyOf(problems);
    }

    /** One record of the file: the line it starts on (1-based) and its cells, as written. */
    public record Row(int line, List<String> cells) {
        public Row {
            cells = List.copyOf(cells);
        }

        /** The cells joined for a message, e.g. "Carl, not-an-address, Gold". */
        public String text() {
            return String.join(", ", cells);
        }
    }

    /** A part of the file that is not a row: where it starts, a short excerpt and what is wrong. */
    public record Problem(int line, String text, String message) {}

    /** Rows given in code (tests, a typed list): one cell each, numbered from line 1. */
    public static Sheet ofLines(List<String> lines) {
        java.util.ArrayList<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            rows.add(new Row(i + 1, List.of(lines.get(i))));
        }
        return new Sheet(rows, List.of());
    }
}
