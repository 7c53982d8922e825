package dev.mailroom.app.cli;

import dev.mailroom.app.audit.AuditCsv;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.audit.AuditQuery;
import dev.mailroom.model.audit.AuditService;
import dev.mailroom.model.common.TenantId;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "The audit log.",
        subcommands = {AuditCommand.Export.class})
final class AuditCommand {
    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Writes the entries you may see as CSV, as the console's Audit page exports them.")
    static final class Export extends CliCommand {
        @Option(names = "--client", paramLabel = "CLIENT", description = "Only this client's entries.")
        String client;

        @Option(names = "--action", paramLabel = "TEXT", description = "Only actions containing this text.")
        String action;

        @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "From this day (UTC).")
        LocalDate from;

        @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Up to and including this day (UTC).")
        LocalDate to;

        @Option(names = "--output", paramLabel = "FILE", description = "Default: standard output.")
        Path output;

        @Override
        int run(CliContext ctx) throws IOException {
            Optional<TenantId> tenant =
                    Optional.ofNullable(client).map(c -> ctx.tenant(c).id());
            Optional<Instant> since = Optional.ofNullable(from)
                    .map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant());
            Optional<Instant> until = Optional.ofNullable(to)
                    .map(d -> d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            List<AuditEntry> found = ctx.services()
                    .auditLog()
                    .search(
                            ctx.actor(),
                            new AuditQuery(
                                    tenant,
                                    Optional.empty(),
                                    Optional.ofNullable(action),
                                    since,
                                    until,
                                    AuditService.MAX_ROWS));
            return Output.export(
                    ctx,
                    output,
                    found.stream()
                            .map(e -> Output.row(
                                    "id", e.id(),
                                    "time", e.at().toString(),
                                    "client", e.tenantName().orElse(null),
                                    "actor", e.actorName(),
                                    "actingOwner", e.impersonatorName().orElse(null),
                                    "action", e.action(),
                                    "target", e.target(),
                                    "details", e.details()))
                            .toList(),
                    w -> AuditCsv.write(found, w),
                    "Exported " + found.size() + " audit entries to " + output + ".",
                    Output.row("count", found.size(), "file", String.valueOf(output)));
        }
    }
}
