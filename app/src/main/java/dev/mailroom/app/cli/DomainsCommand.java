package dev.mailroom.app.cli;

import static dev.mailroom.app.cli.Output.row;

import dev.mailroom.app.domains.DnsPreferences;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.domains.CheckStatus;
import dev.mailroom.model.domains.HandOff;
import dev.mailroom.model.domains.PlannedRecord;
import dev.mailroom.model.domains.RecordCheck;
import dev.mailroom.model.domains.RecordPlan;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.SendingDomain;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.domains.names.DomainName;
import dev.mailroom.model.tenants.Tenant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "domains",
        mixinStandardHelpOptions = true,
        description = "A client's sending domains: list, add, their DNS records, a live check.",
        subcommands = {
            DomainsCommand.ListDomains.class,
            DomainsCommand.Add.class,
            DomainsCommand.Records.class,
            DomainsCommand.Check.class,
            DomainsCommand.Sign.class,
            ProviderDomainsCommand.class
        })
final class DomainsCommand {
    enum Format {
        bind,
        csv,
        json
    }

    static SendingDomain find(CliContext ctx, Tenant tenant, String name) {
        String ascii = DomainName.parse(name).ascii();
        return ctx.services().domains().list(ctx.actor(), tenant.id()).stream()
                .filter(d -> d.name().ascii().equals(ascii))
                .findFirst()
                .orElseThrow(() -> new NotFound(tenant.name() + " has no sending domain " + name.strip() + "."));
    }

    static Map<String, Object> json(PlannedRecord r) {
        return row(
                "kind", r.kind().label(),
                "host", r.host(),
                "type", r.type().name(),
                "value", r.value(),
                "action", r.action().label(),
                "optional", r.optional());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "A client's sending domains.")
    static final class ListDomains extends ClientCommand {
        @Override
        int run(CliContext ctx, Tenant t) {
            Output.rows(
                    ctx,
                    ctx.services().domains().list(ctx.actor(), t.id()).stream()
                            .map(d -> row(
                                    "id", d.id().value(),
                                    "domain", d.name().unicode(),
                                    "spf", d.settings().spfMechanism(),
                                    "returnPath",
                                            d.settings().returnPathLabel() + "."
                                                    + d.name().ascii(),
                                    "addedAt", d.createdAt().toString()))
                            .toList(),
                    "id",
                    "domain",
                    "spf",
                    "returnPath",
                    "addedAt");
            return ExitCode.OK;
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Adds a sending domain and generates its DKIM keys (as the console's domain wizard).")
    static final class Add extends ClientCommand {
        @Parameters(paramLabel = "DOMAIN")
        String domain;

        @Option(
                names = "--spf",
                paramLabel = "TERM",
                description = "The relay's SPF term (default: the console's DNS setting).")
        String spf;

        @Option(
                names = "--return-path",
                paramLabel = "HOST",
                description = "Where the bounce.<domain> CNAME points (default: the console's DNS setting).")
        String returnPath;

        @Option(names = "--dmarc-reports", paramLabel = "EMAIL", description = "Where DMARC aggregate reports go.")
        String dmarcReports;

        @Option(
                names = "--key",
                paramLabel = "TYPE",
                description = "DKIM key types, repeat for both: ${COMPLETION-CANDIDATES} (default: rsa).")
        List<DkimAlgorithm> keys = new ArrayList<>();

        @Override
        int run(CliContext ctx, Tenant t) {
            DnsPreferences prefs = ctx.dnsPreferences();
            RecordPlanSettings settings = new RecordPlanSettings(
                    spf == null ? prefs.relaySpf() : spf.strip(),
                    "bounce",
                    returnPath == null ? prefs.returnPathTarget() : returnPath.strip(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    3600);
            if (dmarcReports != null && !dmarcReports.isBlank()) {
                settings = settings.withDmarcReports(dmarcReports.strip());
            }
            EnumSet<DkimAlgorithm> types = keys.isEmpty() ? EnumSet.of(DkimAlgorithm.RSA) : EnumSet.copyOf(keys);
            SendingDomain d = ctx.services()
                    .domains()
                    .add(ctx.actor(), t.id(), domain, settings.validated(), types)
                    .domain();
            Output.result(
                    ctx,
                    "Added " + d.name().unicode() + " to " + t.name() + " with "
                            + String.join(
                                    " and ",
                                    types.stream().map(DkimAlgorithm::label).toList())
                            + " DKIM keys. Next: mailroom domains records "
                            + d.name().ascii() + " --client \""
                            + t.name() + "\"",
                    row("id", d.id().value(), "domain", d.name().unicode(), "client", t.name()));
            return ExitCode.OK;
        }
    }

    @Command(
            name = "records",
            mixinStandardHelpOptions = true,
            description = "The DNS records to publish for a domain, for whoever runs its DNS.")
    static final class Records extends ClientCommand {
        @Parameters(paramLabel = "DOMAIN")
        String domain;

        @Option(
                names = "--format",
                paramLabel = "FORMAT",
                description = "${COMPLETION-CANDIDATES} (default: bind; --json means json).")
        Format format;

        @Override
        int run(CliContext ctx, Tenant t) {
            SendingDomain d = find(ctx, t, domain);
            RecordPlan plan = ctx.services().domains().plan(ctx.actor(), t.id(), d.id());
            Format f = format != null ? format : ctx.json() ? Format.json : Format.bind;
            String agency =
                    ctx.services().firstRun().agency().map(a -> a.name()).orElse("");
            switch (f) {
                case bind ->
                    ctx.out()
                            .print(HandOff.bindSnippet(
                                    plan,
                                    agency,
                                    d.settings().ttl(),
                                    ctx.clock().instant()));
                case csv ->
                    ctx.out()
                            .print(dev.mailroom.app.common.Csv.text(
                                    HandOff.table(plan, d.settings().ttl())));
                case json ->
                    ctx.out()
                            .println(Output.json(row(
                                    "domain", d.name().unicode(),
                                    "ttl", d.settings().ttl(),
                                    "records",
                                            plan.records().stream()
                                                    .map(DomainsCommand::json)
                                                    .toList(),
                                    "warnings", plan.warnings())));
            }
            return ExitCode.OK;
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = {
                "Checks a domain's records in live DNS (recorded as the console's check is).",
                "Exits 7 when a required record is missing or different."
            })
    static final class Check extends ClientCommand {
        @Parameters(paramLabel = "DOMAIN")
        String domain;

        @Option(names = "--relay-ip", paramLabel = "IP", description = "Also evaluate SPF for mail from this IP.")
        String relayIp;

        @Override
        int run(CliContext ctx, Tenant t) {
            SendingDomain d = find(ctx, t, domain);
            List<RecordCheck> checks =
                    ctx.services().domains().verify(ctx.actor(), t.id(), d.id(), Optional.ofNullable(relayIp));
            boolean good = checks.stream().allMatch(c -> c.record().optional() || c.status() == CheckStatus.FOUND);
            List<Map<String, Object>> rows = checks.stream()
                    .map(c -> row(
                            "record", c.record().kind().label(),
                            "host", c.record().host(),
                            "type", c.record().type().name(),
                            "status", c.status().label(),
                            "optional", c.record().optional(),
                            "message", c.message()))
                    .toList();
            if (ctx.json()) {
                ctx.out().println(Output.json(row("domain", d.name().unicode(), "ok", good, "records", rows)));
            } else {
                Output.rows(ctx, rows, "record", "host", "type", "status", "message");
                ctx.out()
                        .println(
                                good
                                        ? d.name().unicode() + ": every required record is in place."
                                        : d.name().unicode() + ": some required records are not in place yet.");
            }
            return good ? ExitCode.OK : ExitCode.NOT_ALL_GOOD;
        }
    }

    @Command(
            name = "sign",
            mixinStandardHelpOptions = true,
            description = {
                "Starts DKIM signing with the domain's keys whose records a check found (as the console's",
                "Start signing); a key signing until now retires after 7 days. The domain can then send."
            })
    static final class Sign extends ClientCommand {
        @Parameters(paramLabel = "DOMAIN")
        String domain;

        @Override
        int run(CliContext ctx, Tenant t) {
            SendingDomain d = find(ctx, t, domain);
            List<dev.mailroom.model.domains.DkimKeyInfo> published =
                    ctx.services().domains().get(ctx.actor(), t.id(), d.id()).keys().stream()
                            .filter(k -> k.state() == dev.mailroom.model.domains.DkimKeyState.PUBLISHED)
                            .toList();
            if (published.isEmpty()) {
                throw new CommandProblem("No key of " + d.name().unicode()
                        + " has its record found in DNS yet: publish the records, then run domains check.");
            }
            List<String> selectors = new ArrayList<>();
            for (var k : published) {
                ctx.services()
                        .dkimKeys()
                        .startSigning(ctx.actor(), t.id(), d.id(), k.selector(), java.time.Duration.ofDays(7));
                selectors.add(k.selector());
            }
            Output.result(
                    ctx,
                    d.name().unicode() + " now signs with " + String.join(", ", selectors) + ".",
                    row("domain", d.name().unicode(), "signingWith", selectors));
            return ExitCode.OK;
        }
    }
}
