package dev.mailroom.app.cli;

import static dev.mailroom.app.cli.Output.row;

import dev.mailroom.app.analytics.AnalyticsCsv;
import dev.mailroom.model.activity.AnalyticsReport;
import dev.mailroom.model.activity.Period;
import dev.mailroom.model.tenants.Tenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "reports",
        mixinStandardHelpOptions = true,
        description = "A client's reports: analytics as CSV, the white-label monthly report as PDF.",
        subcommands = {ReportsCommand.Analytics.class, ReportsCommand.Client.class})
final class ReportsCommand {
    @Command(
            name = "analytics",
            mixinStandardHelpOptions = true,
            description = {
                "A client's events per day and their rates, as the console's Analytics page exports them",
                "(formula-safe CSV; with --json and no file, the rows as JSON)."
            })
    static final class Analytics extends ClientCommand {
        @Option(names = "--days", paramLabel = "N", description = "The last N days up to today (default: 30).")
        int days = 30;

        @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "From this day (instead of --days).")
        LocalDate from;

        @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Up to and including this day.")
        LocalDate to;

        @Option(names = "--domain", paramLabel = "DOMAIN", description = "Only this sending domain.")
        String domain;

        @Option(names = "--output", paramLabel = "FILE", description = "Default: standard output.")
        Path output;

        @Override
        void checkArguments() {
            if ((from == null) != (to == null)) {
                throw new CommandProblem("Give both --from and --to, or neither (then --days counts back from today).");
            }
        }

        @Override
        int run(CliContext ctx, Tenant t) throws Exception {
            Period period = from != null
                    ? new Period(from, to)
                    : Period.lastDays(days, LocalDate.ofInstant(ctx.clock().instant(), ZoneOffset.UTC));
            AnalyticsReport report = ctx.services()
                    .analytics()
                    .report(ctx.actor(), t.id(), Optional.ofNullable(domain).map(String::strip), period);
            return Output.table(
                    ctx,
                    output,
                    AnalyticsCsv.table(report),
                    "Exported " + t.name() + "'s analytics " + period.from() + " to " + period.to() + " to " + output
                            + ".");
        }
    }

    @Command(
            name = "client",
            mixinStandardHelpOptions = true,
            description = "The white-label monthly report of a client as PDF, as the console's Billing page makes it.")
    static final class Client extends ClientCommand {
        @Option(
                names = "--month",
                paramLabel = "YYYY-MM",
                description = "The month (default: the last month that is over).")
        YearMonth month;

        @Option(names = "--output", paramLabel = "FILE", description = "Default: <client>-report-<month>.pdf here.")
        Path output;

        @Override
        int run(CliContext ctx, Tenant t) throws Exception {
            YearMonth m = month != null ? month : ctx.services().billing().lastFinishedMonth();
            byte[] pdf = ctx.services().clientReports().reportPdf(ctx.actor(), t.id(), m);
            Path file = output != null ? output : Path.of(fileName(t.name()) + "-report-" + m + ".pdf");
            Files.write(file, pdf);
            Output.result(
                    ctx,
                    "Wrote " + t.name() + "'s report for " + m + " to " + file + " (" + pdf.length + " bytes).",
                    row("client", t.name(), "month", m.toString(), "file", file.toString(), "bytes", pdf.length));
            return ExitCode.OK;
        }
    }

    /** "Acme Shop & Co." as "acme-shop-co": a file name on every system. */
    static String fileName(String name) {
        StringBuilder b = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                b.append(c);
            } else if (b.length() > 0 && b.charAt(b.length() - 1) != '-') {
                b.append('-');
            }
        }
        String s = b.toString().replaceAll("-+$", "");
        return s.isEmpty() ? "client" : s;
    }

    private ReportsCommand() {}
}
