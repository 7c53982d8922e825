package dev.mailroom.app.audit;

import dev.mailroom.app.common.Csv;
import dev.mailroom.model.audit.AuditEntry;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The audit log's CSV export: the Audit page and {@code mailroom audit export} write the same file. */
public final class AuditCsv {
    private AuditCsv() {}

    public static void write(List<AuditEntry> entries, Writer out) throws IOException {
        Csv.row(out, List.of("id", "time", "client", "actor", "acting owner", "action", "target", "details"));
        for (AuditEntry e : entries) {
            Csv.row(
                    out,
                    List.of(
                            Long.toString(e.id()),
                            e.at().toString(),
                            e.tenantName().orElse(""),
                            e.actorName(),
                            e.impersonatorName().orElse(""),
                            e.action(),
                            e.target(),
                            e.details()));
        }
    }
}
