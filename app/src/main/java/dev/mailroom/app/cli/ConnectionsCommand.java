package dev.mailroom.app.cli;

import static dev.mailroom.app.cli.Output.row;

import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.ProbeReport;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.model.tenants.Tenant;
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
        return Named.find(
                ctx.services().connections().list(ctx.actor(), tenant.id()),
                name,
                Connection::name,
                c -> c.id().value(),
                tenant.name() + " has no connection \"" + name.strip() + "\".");
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
    static final class ListConnections extends ClientCommand {
        @Override
        int run(CliContext ctx, Tenant t) {
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
    static final class Add extends ClientCommand {
        @Parameters(paramLabel = "NAME")
        String name;

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
        int run(CliContext ctx, Tenant t) {
            Optional<Secret> password = username.isBlank()
                    ? Optional.empty()
                    : Optional.of(ctx.withSecret(
                            "MAILROOM_RELAY_PASSWORD",
                            "Password of " + username + " at " + host + ": ",
                            typed -> Secret.of(new String(typed))));
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
    static final class Test extends ClientCommand {
        @Parameters(paramLabel = "CONNECTION", description = "The connection's name or id.")
        String connection;

        @Override
        int run(CliContext ctx, Tenant t) {
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
