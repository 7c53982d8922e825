package dev.mailroom.app.cli;

import static dev.mailroom.app.cli.Output.row;

import dev.mailroom.model.providers.ProviderDomainLink;
import dev.mailroom.model.providers.ProviderDomainService;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.tenants.Tenant;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The domain wizard's provider section on the command line: a sending domain at MailerSend or SendGrid. */
@Command(
        name = "provider",
        mixinStandardHelpOptions = true,
        description = "A client's sending domains at MailerSend or SendGrid: list, create, import, verify, unlink.",
        subcommands = {
            ProviderDomainsCommand.ListAtProvider.class,
            ProviderDomainsCommand.Create.class,
            ProviderDomainsCommand.Import.class,
            ProviderDomainsCommand.Verify.class,
            ProviderDomainsCommand.Unlink.class
        })
final class ProviderDomainsCommand {
    private ProviderDomainsCommand() {}

    static Map<String, Object> json(String domain, ProviderDomainLink l) {
        return row(
                "domain", domain,
                "provider", l.providerName(),
                "providerDomainId", l.providerDomainId(),
                "providerDomain", l.providerDomainName(),
                "verified", l.verified().map(v -> (Object) v).orElse(null),
                "status", l.statusWords(),
                "records", l.records().size());
    }

    private static Connection apiConnection(CliContext ctx, Tenant t, String name) {
        Connection c = ConnectionsCommand.find(ctx, t, name);
        if (!c.kind().isApi()) {
            throw new CommandProblem("\"" + c.name() + "\" is an SMTP relay; a domain at a provider needs a "
                    + "MailerSend or SendGrid connection.");
        }
        return c;
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "The domains of a provider connection's account, and which this client has.")
    static final class ListAtProvider extends ClientCommand {
        @Option(names = "--connection", required = true, paramLabel = "NAME", description = "The connection.")
        String connection;

        @Override
        int run(CliContext ctx, Tenant t) {
            Connection c = apiConnection(ctx, t, connection);
            Output.rows(
                    ctx,
                    ctx.services().providerDomains().list(ctx.actor(), t.id(), c.id()).stream()
                            .map(ProviderDomainsCommand::json)
                            .toList(),
                    "id",
                    "domain",
                    "here");
            return ExitCode.OK;
        }
    }

    static Map<String, Object> json(ProviderDomainService.Row r) {
        return row(
                "id", r.domain().id(),
                "domain", r.domain().name(),
                "here", r.inTenant().isPresent() ? "this client's" : r.elsewhere() ? "another client's" : "not yet");
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Creates a sending domain at the connection's provider (or links the one its account has) and",
                "pulls the records the provider requires into the domain's plan."
            })
    static final class Create extends ClientCommand {
        @Parameters(paramLabel = "DOMAIN")
        String domain;

        @Option(names = "--connection", required = true, paramLabel = "NAME", description = "The connection.")
        String connection;

        @Override
        int run(CliContext ctx, Tenant t) {
            var d = DomainsCommand.find(ctx, t, domain);
            Connection c = apiConnection(ctx, t, connection);
            ProviderDomainLink l = ctx.services().providerDomains().create(ctx.actor(), t.id(), d.id(), c.id());
            Output.result(
                    ctx,
                    d.name().unicode() + " is linked to " + l.providerDomainName() + " at " + l.providerName()
                            + " with " + l.records().size() + " records in its plan. " + l.statusWords()
                            + " Next: mailroom domains records " + d.name().ascii() + " --client \"" + t.name()
                            + "\"",
                    json(d.name().unicode(), l));
            return ExitCode.OK;
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Imports a domain of the provider's account (its id from 'list') as a sending domain.")
    static final class Import extends ClientCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--connection", required = true, paramLabel = "NAME", description = "The connection.")
        String connection;

        @Override
        int run(CliContext ctx, Tenant t) {
            Connection c = apiConnection(ctx, t, connection);
            var d = ctx.services().providerDomains().importDomain(ctx.actor(), t.id(), c.id(), id);
            var link = ctx.services().providerDomains().link(ctx.actor(), t.id(), d.id());
            Output.result(
                    ctx,
                    d.name().unicode() + " is a sending domain of " + t.name() + ", linked to "
                            + ProviderDomainLink.providerName(c.kind())
                            + link.map(l -> l.records().isEmpty()
                                            ? "; its records could not be read yet: run domains provider verify."
                                            : ", with " + l.records().size() + " of its records in the plan.")
                                    .orElse("."),
                    row("id", d.id().value(), "domain", d.name().unicode(), "client", t.name()));
            return ExitCode.OK;
        }
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Asks the provider to verify a linked domain now, and keeps its records and what it says.",
                "Exits 7 when the provider does not say verified."
            })
    static final class Verify extends ClientCommand {
        @Parameters(paramLabel = "DOMAIN")
        String domain;

        @Override
        int run(CliContext ctx, Tenant t) {
            var d = DomainsCommand.find(ctx, t, domain);
            ProviderDomainLink l = ctx.services().providerDomains().verify(ctx.actor(), t.id(), d.id());
            Output.result(ctx, l.statusWords(), json(d.name().unicode(), l));
            return l.verified().orElse(false) ? ExitCode.OK : ExitCode.NOT_ALL_GOOD;
        }
    }

    @Command(
            name = "unlink",
            mixinStandardHelpOptions = true,
            description = {
                "Ends a domain's link to its provider: the provider's records leave the plan and Mailroom's own",
                "DKIM and return path come back. The domain stays at the provider as it is."
            })
    static final class Unlink extends ClientCommand {
        @Parameters(paramLabel = "DOMAIN")
        String domain;

        @Override
        int run(CliContext ctx, Tenant t) {
            var d = DomainsCommand.find(ctx, t, domain);
            ctx.services().providerDomains().unlink(ctx.actor(), t.id(), d.id());
            Output.result(
                    ctx,
                    d.name().unicode() + " is no longer linked to a provider; publish Mailroom's records: mailroom "
                            + "domains records " + d.name().ascii() + " --client \"" + t.name() + "\"",
                    row("domain", d.name().unicode(), "linked", false));
            return ExitCode.OK;
        }
    }
}
