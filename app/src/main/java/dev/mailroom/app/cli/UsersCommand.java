package dev.mailroom.app.cli;

import static dev.mailroom.app.cli.Output.row;

import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.access.UserAccount;
import dev.mailroom.model.access.UserDraft;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.tenants.Tenant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "users",
        mixinStandardHelpOptions = true,
        description = "Users and their roles per client.",
        subcommands = {UsersCommand.ListUsers.class, UsersCommand.Add.class, UsersCommand.Roles.class})
final class UsersCommand {
    static Map<String, Object> json(UserAccount a, Map<TenantId, String> names) {
        List<String> roles = new ArrayList<>();
        a.roles()
                .forEach((tenant, set) -> roles.add(names.getOrDefault(tenant, tenant.toString()) + ": "
                        + set.stream().map(Role::label).sorted().collect(Collectors.joining("+"))));
        roles.sort(null);
        return row(
                "id", a.user().id().value(),
                "name", a.user().name(),
                "email", a.user().email(),
                "kind",
                        a.user().agencyOwner()
                                ? "agency owner"
                                : a.user().staffKind().label(),
                "active", a.user().active(),
                "roles", roles);
    }

    static Map<TenantId, String> tenantNames(CliContext ctx) {
        return ctx.services().tenants().list(ctx.actor()).stream().collect(Collectors.toMap(Tenant::id, Tenant::name));
    }

    static UserAccount find(CliContext ctx, String email) {
        return ctx.services().users().list(ctx.actor()).stream()
                .filter(a -> a.user().email().equalsIgnoreCase(email.strip()))
                .findFirst()
                .orElseThrow(() -> new NotFound("No user " + email.strip() + " among the users you manage."));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The users you manage, with their roles.")
    static final class ListUsers extends CliCommand {
        @Override
        int run(CliContext ctx) {
            Map<TenantId, String> names = tenantNames(ctx);
            Output.rows(
                    ctx,
                    ctx.services().users().list(ctx.actor()).stream()
                            .map(a -> json(a, names))
                            .toList(),
                    "id",
                    "name",
                    "email",
                    "kind",
                    "active",
                    "roles");
            return ExitCode.OK;
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = {
                "Adds a user, who changes the first password at first sign-in.",
                "The first password comes from MAILROOM_NEW_PASSWORD or is asked; never an argument."
            })
    static final class Add extends CliCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "EMAIL")
        String email;

        @Option(
                names = "--client",
                paramLabel = "CLIENT",
                description = "Client staff of this client (default: agency staff).")
        String homeClient;

        @Override
        int run(CliContext ctx) {
            Optional<TenantId> home =
                    Optional.ofNullable(homeClient).map(c -> ctx.tenant(c).id());
            UserAccount a = ctx.withSecret(
                    "MAILROOM_NEW_PASSWORD",
                    "First password for " + email + ": ",
                    first -> ctx.services()
                            .users()
                            .create(
                                    ctx.actor(),
                                    new UserDraft(
                                            name,
                                            email,
                                            home.isPresent() ? StaffKind.CLIENT : StaffKind.AGENCY,
                                            home,
                                            first)));
            Output.result(ctx, "Added " + a.user().name() + " <" + a.user().email() + ">.", json(a, tenantNames(ctx)));
            return ExitCode.OK;
        }
    }

    @Command(
            name = "roles",
            mixinStandardHelpOptions = true,
            description = "Sets a user's roles in a client (exactly these; none removes their access).")
    static final class Roles extends ClientCommand {
        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        @Option(names = "--role", paramLabel = "ROLE", description = "Repeat for several: ${COMPLETION-CANDIDATES}.")
        List<Role> roles = new ArrayList<>();

        @Override
        int run(CliContext ctx, Tenant t) {
            UserAccount target = find(ctx, email);
            Set<Role> set = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
            UserAccount a =
                    ctx.services().users().setRoles(ctx.actor(), target.user().id(), t.id(), set);
            Output.result(
                    ctx,
                    a.user().name() + " in " + t.name() + ": "
                            + (set.isEmpty()
                                    ? "no roles"
                                    : set.stream().map(Role::label).collect(Collectors.joining(", ")))
                            + ".",
                    json(a, tenantNames(ctx)));
            return ExitCode.OK;
        }
    }
}
