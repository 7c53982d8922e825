package dev.mailroom.app.cli;

import static dev.mailroom.app.cli.Output.row;

import dev.mailroom.model.billing.Invoice;
import dev.mailroom.model.billing.MonthlyRun;
import dev.mailroom.model.common.Cancellation;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "billing",
        mixinStandardHelpOptions = true,
        description = "The monthly invoice run: preview, run, export (as the console's Billing page).",
        subcommands = {BillingCommand.Preview.class, BillingCommand.Run.class, BillingCommand.Export.class})
final class BillingCommand {
    abstract static class MonthCommand extends CliCommand {
        @Option(
                names = "--month",
                paramLabel = "YYYY-MM",
                description = "The month (default: the last month that is over).")
        YearMonth month;

        YearMonth month(CliContext ctx) {
            return month != null ? month : ctx.services().billing().lastFinishedMonth();
        }
    }

    static Map<String, Object> json(Invoice i) {
        return row(
                "client", i.tenantName(),
                "number", i.number().orElse(null),
                "month", i.month().toString(),
                "plan", i.planName(),
                "volume", i.volume(),
                "total", i.total().toPlainString(),
                "currency", i.currency().getCurrencyCode(),
                "status", i.status().name().toLowerCase());
    }

    static List<Map<String, Object>> rows(MonthlyRun run) {
        List<Map<String, Object>> rows = new ArrayList<>();
        run.invoices().forEach(i -> rows.add(json(i)));
        run.skipped().forEach(s -> rows.add(row("client", s.tenantName(), "skipped", s.why())));
        return rows;
    }

    @Command(
            name = "preview",
            mixinStandardHelpOptions = true,
            description = "What a run would invoice for the month, saving nothing.")
    static final class Preview extends MonthCommand {
        @Override
        int run(CliContext ctx) {
            YearMonth m = month(ctx);
            MonthlyRun run = ctx.services().billing().preview(ctx.actor(), m);
            Output.rows(ctx, rows(run), "client", "plan", "volume", "total", "currency", "skipped");
            return ExitCode.OK;
        }
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = {
                "Issues the month's invoices for every client you may bill, numbered, one client at a time.",
                "Clients already invoiced or without a plan are skipped, so a run can be repeated."
            })
    static final class Run extends MonthCommand {
        @Override
        int run(CliContext ctx) {
            YearMonth m = month(ctx);
            MonthlyRun run = ctx.services()
                    .billing()
                    .issueAll(
                            ctx.actor(),
                            m,
                            (done, total) -> {
                                if (!ctx.json()) {
                                    if (ctx.terminal()) {
                                        ctx.err().print("\rIssued " + done + " of " + total + "   ");
                                        ctx.err().flush();
                                    } else {
                                        ctx.err().println("Issued " + done + " of " + total);
                                    }
                                }
                            },
                            new Cancellation());
            if (ctx.terminal() && !ctx.json()) {
                ctx.err().println();
            }
            if (ctx.json()) {
                ctx.out().println(Output.json(rows(run)));
            } else {
                Output.rows(ctx, rows(run), "client", "number", "volume", "total", "currency", "skipped");
                ctx.out()
                        .println("Issued " + run.invoices().size() + " invoice(s) for " + m + "; "
                                + run.skipped().size() + " client(s) skipped.");
            }
            return ExitCode.OK;
        }
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "The month's invoices and credit notes as CSV for the agency's accounting (formula-safe).")
    static final class Export extends MonthCommand {
        @Option(names = "--output", paramLabel = "FILE", description = "Default: standard output.")
        Path output;

        @Override
        int run(CliContext ctx) throws Exception {
            YearMonth m = month(ctx);
            return Output.table(
                    ctx,
                    output,
                    ctx.services().billing().exportCsv(ctx.actor(), m),
                    "Exported the invoices of " + m + " to " + output + ".");
        }
    }

    private BillingCommand() {}
}
