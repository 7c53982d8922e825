package dev.mailroom.app.cli;

import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.access.SignedIn;
import dev.mailroom.model.common.Conflict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "setup",
        mixinStandardHelpOptions = true,
        description = {
            "Sets up an empty store, as the console's first start does: the agency and its owner.",
            "The owner's password comes from MAILROOM_PASSWORD or is asked; never an argument."
        })
final class SetupCommand extends CliCommand {
    @Option(names = "--agency", required = true, paramLabel = "NAME")
    String agency;

    @Option(names = "--owner", required = true, paramLabel = "NAME", description = "The owner's name.")
    String owner;

    @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "The owner's email (who signs in).")
    String email;

    @Override
    int run(CliContext ctx) {
        if (!ctx.services().firstRun().needsSetup()) {
            throw new Conflict("This store is set up already; sign in with --user.");
        }
        SignedIn in = ctx.withSecret(
                "MAILROOM_PASSWORD",
                "Password for " + email + ": ",
                password -> ctx.services()
                        .firstRun()
                        .setUp(new AgencySetup(agency, owner, email, password, password.clone())));
        Output.result(
                ctx,
                "Set up " + agency + " with its owner " + in.user().name() + " <"
                        + in.user().email() + ">.",
                Output.row(
                        "agency",
                        agency,
                        "owner",
                        in.user().name(),
                        "email",
                        in.user().email()));
        return ExitCode.OK;
    }
}
