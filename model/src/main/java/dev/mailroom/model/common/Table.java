package dev.mailroom.model.common;

import java.util.List;

/**
 * Rows of text cells under a header: what an export hands to the one CSV writer of the console
 * ({@code app.common.Csv}, decision 0043). Cells are plain text; the writer quotes them and neutralises
 * spreadsheet formulas.
 */
public record Table(List<String> header, List<List<String>> rows) {
    public Table {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(
                        "a row has " + row.size() + " cells under a header of " + header.size());
            }
        }
    }
}
