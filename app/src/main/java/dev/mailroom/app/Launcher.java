package dev.mailroom.app;

import dev.mailroom.persistence.store.DataDirectory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javafx.application.Application;

/**
 * The plain main class: it is not an {@link Application}, so the console starts from the class path
 * (and from jpackage's launcher) without JavaFX modules on the module path.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        if (args.length == 1 && List.of("-h", "--help").contains(args[0])) {
            // `mailroom --help` from the installed bundle: how to start the console, then the commands.
            System.out.println(StartOptions.USAGE);
            System.out.println("Commands for scripts (they never open a window; `mailroom COMMAND --help` for each):");
            dev.mailroom.app.cli.MailroomCli.main(args);
            return;
        }
        if (args.length > 0
                && (!args[0].startsWith("-") || List.of("-V", "--version").contains(args[0]))) {
            // "mailroom tenants list": a command word means the command line, which never loads JavaFX.
            dev.mailroom.app.cli.MailroomCli.main(args);
            return;
        }
        StartOptions options;
        try {
            options = StartOptions.parse(Arrays.asList(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // Logback reads this when the first logger is created, so it must be set before any logging.
        Path dataDir = DataDirectory.resolve(options.dataDir(), System.getenv());
        System.setProperty("mailroom.logDir", dataDir.resolve("logs").toString());
        Application.launch(MailroomApp.class, args);
    }
}
