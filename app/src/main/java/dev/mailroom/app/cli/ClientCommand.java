package dev.mailroom.app.cli;

import dev.mailroom.model.tenants.Tenant;
import picocli.CommandLine.Option;

/**
 * A command about one client: the required {@code --client} option, checked against the clients the
 * signed-in person can see before {@link #run(CliContext, Tenant)} is called.
 */
abstract class ClientCommand extends CliCommand {
    @Option(names = "--client", required = true, paramLabel = "CLIENT", description = "The client's name or id.")
    String client;

    @Override
    final int run(CliContext ctx) throws Exception {
        checkArguments();
        return run(ctx, ctx.tenant(client));
    }

    /** Refuses options that do not go together ({@link CommandProblem}) before anything is looked up. */
    void checkArguments() {}

    abstract int run(CliContext ctx, Tenant client) throws Exception;
}
