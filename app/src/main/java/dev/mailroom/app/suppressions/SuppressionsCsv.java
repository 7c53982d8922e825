package dev.mailroom.app.suppressions;

import dev.mailroom.app.common.Csv;
import dev.mailroom.model.common.Table;
import dev.mailroom.model.suppressions.Suppression;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The CSV export of the suppression list: the page and the command line write the same file (JavaFX-free). */
public final class SuppressionsCsv {
    private SuppressionsCsv() {}

    /** The entries as the export's table. */
    public static Table table(List<Suppression> entries) {
        return new Table(
                List.of("email", "reason", "since", "until", "note"),
                entries.stream()
                        .map(s -> List.of(
                                s.address(),
                                s.reason().name(),
                                s.since().toString(),
                                s.until().map(Object::toString).orElse(""),
                                s.note()))
                        .toList());
    }

    public static void write(List<Suppression> entries, Writer out) throws IOException {
        Csv.write(out, table(entries));
    }
}
