package dev.mailroom.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of every leaf command. It reaches the run's {@link CliContext} through the root command
 * (which opens the store and signs in on first use) and hands it to {@link #run(CliContext)}; what a
 * thrown error means as an exit code is decided once, in {@link MailroomCli#exitCode(Exception)}.
 */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    CliContext ctx() {
        return ((MailroomCli) spec.root().userObject()).context();
    }

    @Override
    public final Integer call() throws Exception {
        return run(ctx());
    }

    /** Does the work and returns an {@link ExitCode}. */
    abstract int run(CliContext ctx) throws Exception;
}
