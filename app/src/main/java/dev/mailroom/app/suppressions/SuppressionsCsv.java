package dev.mailroom.app.suppressions;

import dev.mailroom.app.common.Csv;
import dev.mailroom.model.suppressions.Suppression;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The suppression list's CSV export: the Suppressions page and {@code mailroom suppressions export} write the same file. */
public final class SuppressionsCsv {
    private SuppressionsCsv() {}

    public static void write(List<Suppression> entries, Writer out) throws IOException {
        Csv.row(out, List.of("email", "reason", "since", "until", "note"));
        for (Suppression s : entries) {
            Csv.row(
                    out,
                    List.of(
                            s.address(),
                            s.reason().name(),
                            s.since().toString(),
                            s.until().map(Object::toString).orElse(""),
                            s.note()));
        }
    }
}
