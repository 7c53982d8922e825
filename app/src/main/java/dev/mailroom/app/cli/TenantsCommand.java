package dev.mailroom.app.cli;

import static dev.mailroom.app.cli.Output.row;

import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "tenants",
        mixinStandardHelpOptions = true,
        description = "The agency's clients: list, add, archive.",
        subcommands = {TenantsCommand.ListTenants.class, TenantsCommand.Add.class, TenantsCommand.Archive.class})
final class TenantsCommand {
    static Map<String, Object> json(Tenant t) {
        return row(
                "id", t.id().value(),
                "name", t.name(),
                "status", t.status().name().toLowerCase(),
                "contact", t.contactName(),
                "contactEmail", t.contactEmail(),
                "ownership", t.ownership().name().toLowerCase(),
                "createdAt", t.createdAt().toString());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The clients you can see.")
    static final class ListTenants extends CliCommand {
        @Override
        int run(CliContext ctx) {
            Output.rows(
                    ctx,
                    ctx.services().tenants().list(ctx.actor()).stream()
                            .map(TenantsCommand::json)
                            .toList(),
                    "id",
                    "name",
                    "status",
                    "contact",
                    "contactEmail");
            return ExitCode.OK;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a client (agency owner only).")
    static final class Add extends CliCommand {
        @Parameters(paramLabel = "NAME", description = "The client's name.")
        String name;

        @Option(names = "--contact", paramLabel = "NAME", description = "The client's contact person.")
        String contact = "";

        @Option(names = "--contact-email", paramLabel = "EMAIL", description = "The contact's email address.")
        String contactEmail = "";

        @Option(
                names = "--ownership",
                paramLabel = "KIND",
                description = "Who owns the sending setup: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        OwnershipModel ownership = OwnershipModel.AGENCY_OWNED;

        @Option(
                names = "--partner-access",
                paramLabel = "PATTERN",
                description =
                        "How the client's own staff take part: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        PartnerAccessPattern partnerAccess = PartnerAccessPattern.AGENCY_MANAGED;

        @Option(names = "--color", paramLabel = "#RRGGBB", description = "Accent colour (default: ${DEFAULT-VALUE}).")
        String color = "#2563EB";

        @Override
        int run(CliContext ctx) {
            Tenant t = ctx.services()
                    .tenants()
                    .create(ctx.actor(), new TenantDraft(name, color, contact, contactEmail, ownership, partnerAccess));
            Output.result(ctx, "Added client " + t.name() + " (id " + t.id().value() + ").", json(t));
            return ExitCode.OK;
        }
    }

    @Command(
            name = "archive",
            mixinStandardHelpOptions = true,
            description = "Archives a client: read-only, kept 90 days, then it may be purged.")
    static final class Archive extends CliCommand {
        @Parameters(paramLabel = "CLIENT", description = "The client's name or id.")
        String tenant;

        @Override
        int run(CliContext ctx) {
            Tenant t = ctx.services()
                    .tenants()
                    .archive(ctx.actor(), ctx.tenant(tenant).id());
            Output.result(ctx, "Archived " + t.name() + ".", json(t));
            return ExitCode.OK;
        }
    }
}
