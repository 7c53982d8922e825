package dev.mailroom.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A leaf command: reaches the run's {@link CliContext} through the root command. */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    CliContext ctx() {
        return ((MailroomCli) spec.root().userObject()).context();
    }
}
