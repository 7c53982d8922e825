package dev.mailroom.app.audit;

import dev.mailroom.app.common.Csv;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.common.Table;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The CSV export of the audit log: the page and the command line write the same file (JavaFX-free). */
public final class AuditCsv {
    private AuditCsv() {}

    /** The entries as the export's table. */
    public static Table table(List<AuditEntry> found) {
        return new Table(
                List.of("id", "time", "client", "actor", "acting owner", "action", "target", "details"),
                found.stream()
                        .map(e -> List.of(
                                Long.toString(e.id()),
                                e.at().toString(),
                                e.tenantName().orElse(""),
                                e.actorName(),
                                e.impersonatorName().orElse(""),
                                e.action(),
                                e.target(),
                                e.details()))
                        .toList());
    }

    public static void write(List<AuditEntry> entries, Writer out) throws IOException {
        Csv.write(out, table(entries));
    }
}
