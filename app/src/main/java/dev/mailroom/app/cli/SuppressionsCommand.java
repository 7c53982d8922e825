package dev.mailroom.app.cli;

import dev.mailroom.app.suppressions.SuppressionsCsv;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.ExternalFailure;
import dev.mailroom.model.sending.RecipientCsv;
import dev.mailroom.model.suppressions.Suppression;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.validation.SuppressionImportService;
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
            // The console's use case: the checker's syntax check, and an address already listed keeps its entry.
            SuppressionImportService.Report report = ctx.services()
                    .suppressionImport()
                    .importRows(
                            ctx.actor(),
                            t.id(),
                            d,
                            parsed.recipients().stream()
                                    .map(r -> new SuppressionImportService.Row(r.line(), r.address()))
                                    .iterator(),
                            parsed.recipients().size(),
                            "imported from " + name,
                            p -> {},
                            new Cancellation());
            record Problem(int line, String words) {}
            List<Problem> problems = new java.util.ArrayList<>();
            parsed.errors().forEach(e -> problems.add(new Problem(e.line(), e.problem())));
            report.refused().forEach(r -> problems.add(new Problem(r.line(), r.reason())));
            problems.sort(java.util.Comparator.comparingInt(Problem::line));
            int skipped = parsed.errors().size() + report.refusedCount();
            if (!ctx.json()) {
                PrintWriter err = ctx.err();
                problems.forEach(x -> err.println(name + " line " + x.line() + ": " + x.words()));
            }
            Output.result(
                    ctx,
                    "Imported " + report.imported() + " address(es) into " + d
                            + (report.already() == 0
                                    ? ""
                                    : "; " + report.already() + " already on the list, kept as they were")
                            + (skipped == 0 ? "." : "; " + skipped + " row(s) skipped."),
                    Output.row(
                            "domain",
                            d,
                            "imported",
                            report.imported(),
                            "already",
                            report.already(),
                            "skipped",
                            skipped));
            return skipped == 0 ? ExitCode.OK : ExitCode.NOT_ALL_GOOD;
        }
    }
}
