package dev.mailroom.app.cli;

import static dev.mailroom.app.cli.Output.row;

import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.ProbeReport;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.model.tenants.Tenant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "connections",
        mixinStandardHelpOptions = true,
        description = "A client's SMTP relays and provider connections: list, add a relay, test.",
        subcommands = {
            ConnectionsCommand.ListConnections.class,
            ConnectionsCommand.Add.class,
            ConnectionsCommand.Test.class
        })
final class ConnectionsCommand {
    static Connection find(CliContext ctx, Tenant tenant, String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        return ctx.services().connections().list(ctx.actor(), tenant.id()).stream()
                .filter(c -> c.name().toLowerCase(Locale.ROOT).equals(key)
                        || Long.toString(c.id().value()).equals(key))
                .findFirst()
                .orElseThrow(() -> new NotFound(tenant.name() + " has no connection \"" + name.strip() + "\"."));
    }

    static Map<String, Object> json(Connection c) {
        return row(
                "id", c.id().value(),
                "name", c.name(),
                "kind", c.kind().name().toLowerCase(Locale.ROOT),
                "environment", c.environment().label(),
                "host", c.host(),
                "port", c.port(),
                "security", c.security().label(),
                "username", c.username());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "A client's connections.")
    static final class ListConnections extends CliCommand {
        @Option(names = "--client", required = true, paramLabel = "CLIENT", description = "The client's name or id.")
        String client;

        @Override
        public Integer call() {
            CliContext ctx = ctx();
            Tenant t = ctx.tenant(client);
            Output.rows(
                    ctx,
                    ctx.services().connections().list(ctx.actor(), t.id()).stream()
                            .map(ConnectionsCommand::json)
                            .toList(),
                    "id",
                    "name",
                    "kind",
                    "environment",
                    "host",
                    "port",
                    "security");
            return ExitCode.OK;
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = {
                "Adds an SMTP relay. With --username, its password comes from MAILROOM_RELAY_PASSWORD or is asked;",
                "never an argument. It is sealed like every secret."
            })
    static final class Add extends CliCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--client", required = true, paramLabel = "CLIENT", description = "The client's name or id.")
        String client;

        @Option(names = "--host", required = true, paramLabel = "HOST")
        String host;

        @Option(names = "--port", paramLabel = "PORT", description = "Default: ${DEFAULT-VALUE}.")
        int port = 587;

        @Option(
                names = "--security",
                paramLabel = "MODE",
                description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        SmtpSecurity security = SmtpSecurity.STARTTLS_REQUIRED;

        @Option(names = "--username", paramLabel = "USER")
        String username = "";

        @Option(
                names = "--environment",
                paramLabel = "ENV",
                description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        SendingEnvironment environment = SendingEnvironment.PRODUCTION;

        @Option(
                names = "--helo",
                paramLabel = "NAME",
                description = "The name given in HELO/EHLO (default: the relay's choice).")
        String helo = "";

        @Option(names = "--max-sessions", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
        int maxSessions = 4;

        @Option(names = "--rate", paramLabel = "PER_SECOND", description = "0 is no limit (default).")
        int rate = 0;

        @Override
        public Integer call() {
            CliContext ctx = ctx();
            Tenant t = ctx.tenant(client);
            Optional<Secret> password = Optional.empty();
            if (!username.isBlank()) {
                char[] typed = ctx.secret("MAILROOM_RELAY_PASSWORD", "Password of " + username + " at " + host + ": ");
                password = Optional.of(Secret.of(new String(typed)));
                Arrays.fill(typed, '\0');
            }
            Connection c = ctx.services()
                    .connections()
                    .create(
                            ctx.actor(),
                            t.id(),
                            new ConnectionDraft(
                                    name,
                                    environment,
                                    host,
                                    port,
                                    security,
                                    username,
                                    password,
                                    helo,
                                    maxSessions,
                                    rate));
            Output.result(
                    ctx,
                    "Added connection " + c.name() + " (" + c.host() + ":" + c.port() + ") to " + t.name() + ".",
                    json(c));
            return ExitCode.OK;
        }
    }

    @Command(
            name = "test",
            mixinStandardHelpOptions = true,
            description = "Connects, says hello and signs in, sending nothing. Exits 7 when the test fails.")
    static final class Test extends CliCommand {
        @Parameters(paramLabel = "CONNECTION", description = "The connection's name or id.")
        String connection;

        @Option(names = "--client", required = true, paramLabel = "CLIENT", description = "The client's name or id.")
        String client;

        @Override
        public Integer call() {
            CliContext ctx = ctx();
            Tenant t = ctx.tenant(client);
            Connection c = find(ctx, t, connection);
            ProbeReport report = ctx.services().connections().test(ctx.actor(), t.id(), c.id());
            Output.result(
                    ctx,
                    (report.ok() ? "OK: " : "Failed: ")
                            + report.summary()
                            + (report.offered().isEmpty()
                                    ? ""
                                    : " (offers " + String.join(", ", report.offered()) + ")"),
                    row(
                            "connection",
                            c.name(),
                            "ok",
                            report.ok(),
                            "summary",
                            report.summary(),
                            "offered",
                            report.offered()));
            return report.ok() ? ExitCode.OK : ExitCode.NOT_ALL_GOOD;
        }
    }
}
