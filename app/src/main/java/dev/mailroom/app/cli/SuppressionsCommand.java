package dev.mailroom.app.cli;

import dev.mailroom.app.suppressions.SuppressionsCsv;
import dev.mailroom.model.common.ExternalFailure;
import dev.mailroom.model.sending.RecipientCsv;
import dev.mailroom.model.suppressions.Suppression;
import dev.mailroom.model.tenants.Tenant;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "suppressions",
        mixinStandardHelpOptions = true,
        description = "A sending domain's suppression list: export, import.",
        subcommands = {SuppressionsCommand.Export.class, SuppressionsCommand.Import.class})
final class SuppressionsCommand {
    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Writes the list as CSV (email, reason, since, until, note), as the console exports it.")
    static final class Export extends ClientCommand {
        @Option(names = "--domain", required = true, paramLabel = "DOMAIN")
        String domain;

        @Option(names = "--output", paramLabel = "FILE", description = "Default: standard output.")
        Path output;

        @Override
        int run(CliContext ctx, Tenant t) throws IOException {
            String d = DomainsCommand.find(ctx, t, domain).name().ascii();
            List<Suppression> list = ctx.services().suppressions().list(ctx.actor(), t.id(), d);
            return Output.export(
                    ctx,
                    output,
                    list.stream()
                            .map(s -> Output.row(
                                    "email", s.address(),
                                    "reason", s.reason().name(),
                                    "since", s.since().toString(),
                                    "until", s.until().map(Object::toString).orElse(null),
                                    "note", s.note()))
                            .toList(),
                    w -> SuppressionsCsv.write(list, w),
                    "Exported " + list.size() + " suppression(s) of " + d + " to " + output + ".",
                    Output.row("domain", d, "count", list.size(), "file", String.valueOf(output)));
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Adds every address of a CSV file (an email column, or one address a line) to the list, as the",
                "console's import does. Exits 7 when some rows could not be read (the rest are imported)."
            })
    static final class Import extends ClientCommand {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--domain", required = true, paramLabel = "DOMAIN")
        String domain;

        @Override
        int run(CliContext ctx, Tenant t) {
            String d = DomainsCommand.find(ctx, t, domain).name().ascii();
            RecipientCsv.Parsed parsed;
            try {
                parsed = RecipientCsv.parse(dev.mailroom.app.common.Csv.read(file));
            } catch (IOException e) {
                throw new ExternalFailure("Could not read " + file + ": " + e.getMessage(), e);
            }
            String name = String.valueOf(file.getFileName());
            for (RecipientCsv.Recipient r : parsed.recipients()) {
                ctx.services().suppressions().addManual(ctx.actor(), t.id(), d, r.address(), "imported from " + name);
            }
            if (!ctx.json()) {
                PrintWriter err = ctx.err();
                parsed.errors().forEach(e -> err.println(name + " line " + e.line() + ": " + e.problem()));
            }
            Output.result(
                    ctx,
                    "Imported " + parsed.recipients().size() + " address(es) into " + d
                            + (parsed.errors().isEmpty()
                                    ? "."
                                    : "; " + parsed.errors().size() + " row(s) skipped."),
                    Output.row(
                            "domain", d,
                            "imported", parsed.recipients().size(),
                            "skipped", parsed.errors().size()));
            return parsed.errors().isEmpty() ? ExitCode.OK : ExitCode.NOT_ALL_GOOD;
        }
    }
}
