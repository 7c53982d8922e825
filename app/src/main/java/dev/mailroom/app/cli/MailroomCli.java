package dev.mailroom.app.cli;

import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.ExternalFailure;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.Throttled;
import dev.mailroom.persistence.store.DataDirectory;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code mailroom <command>}: the command line over the console's use cases, store and permissions
 * (issue 16). No JavaFX class is loaded on this path: it starts fast and runs headless.
 */
@Command(
        name = "mailroom",
        mixinStandardHelpOptions = true,
        version = "Mailroom command line",
        description = "Run Mailroom's tasks from a terminal or a script, on the same store as the console.",
        footer = {
            "",
            "Sign in with --user EMAIL (or MAILROOM_USER) and the password in MAILROOM_PASSWORD, or typed when asked;",
            "unattended runs use an API token (Settings → Access in the console) in MAILROOM_TOKEN.",
            "Exit codes: 0 done, 1 unexpected error, 2 bad arguments, 3 sign-in failed, 4 not found or not allowed,",
            "5 invalid input or conflict, 6 outside failure (store, DNS, relay, file), 7 done but not all good."
        },
        subcommands = {
            SetupCommand.class,
            TenantsCommand.class,
            UsersCommand.class,
            DomainsCommand.class,
            ConnectionsCommand.class,
            SendCommand.class,
            SuppressionsCommand.class,
            ReportsCommand.class,
            BillingCommand.class,
            AuditCommand.class,
            CommandLine.HelpCommand.class
        })
public final class MailroomCli implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(MailroomCli.class);

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            scope = ScopeType.INHERIT,
            description = "Where the store lives (default: MAILROOM_DATA_DIR or the platform's data folder).")
    String dataDir;

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            scope = ScopeType.INHERIT,
            description =
                    "A PostgreSQL store (also MAILROOM_JDBC_URL, with MAILROOM_JDBC_USER and MAILROOM_JDBC_PASSWORD).")
    String jdbcUrl;

    @Option(
            names = "--user",
            paramLabel = "EMAIL",
            scope = ScopeType.INHERIT,
            description = "Sign in as this user (also MAILROOM_USER).")
    String user;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print results as JSON, for scripts.")
    boolean json;

    private final CliContext context;

    MailroomCli(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        context.configure(Optional.ofNullable(dataDir), Optional.ofNullable(jdbcUrl), Optional.ofNullable(user), json);
        return context;
    }

    @Override
    public void run() {
        // "mailroom" alone with a command word missing: show what there is.
        throw new CommandLine.ParameterException(
                new CommandLine(this), "Name a command, for example: mailroom tenants list");
    }

    public static void main(String[] args) {
        // Logback reads this when the first logger is created: the command line logs where the console does.
        Optional<String> dir = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                dir = Optional.of(args[i + 1]);
            } else if (args[i].startsWith("--data-dir=")) {
                dir = Optional.of(args[i].substring("--data-dir=".length()));
            }
        }
        System.setProperty(
                "mailroom.logDir",
                DataDirectory.resolve(dir, System.getenv()).resolve("logs").toString());
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(
                args,
                new CliContext(
                        System.getenv(),
                        out,
                        err,
                        PasswordPrompt.terminal(),
                        Clock.systemDefaultZone(),
                        System.console() != null));
        System.exit(code);
    }

    /** Runs one command line and returns its exit code; the context is closed afterwards. */
    public static int run(String[] args, CliContext context) {
        try (context) {
            CommandLine cl = commandLine(context);
            return cl.execute(args);
        }
    }

    static CommandLine commandLine(CliContext context) {
        CommandLine cl = new CommandLine(new MailroomCli(context));
        cl.setOut(context.out());
        cl.setErr(context.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((e, args) -> {
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            context.err().println(command + ": " + e.getMessage() + " (see " + command + " --help)");
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            int code = exitCode(e);
            if (code == ExitCode.UNEXPECTED) {
                log.error("Command failed: {}", commandLine.getCommandSpec().qualifiedName(), e);
                context.err()
                        .println("mailroom: something unexpected went wrong ("
                                + e.getClass().getSimpleName() + "); the log in "
                                + context.dataDirectory().resolve("logs") + " has the detail.");
            } else {
                if (e instanceof ExternalFailure) {
                    log.warn("Command failed: {}", e.getMessage(), e);
                }
                context.err().println("mailroom: " + oneLine(e));
            }
            return code;
        });
        return cl;
    }

    static int exitCode(Exception e) {
        if (e instanceof CliContext.SignInProblem) {
            return ExitCode.SIGN_IN;
        }
        if (e instanceof NotFound || e instanceof PermissionDenied) {
            return ExitCode.REFUSED;
        }
        if (e instanceof InvalidInput || e instanceof Conflict || e instanceof CommandProblem) {
            return ExitCode.INVALID;
        }
        if (e instanceof ExternalFailure || e instanceof Throttled || e instanceof java.io.IOException) {
            return ExitCode.EXTERNAL;
        }
        return ExitCode.UNEXPECTED;
    }

    private static String oneLine(Exception e) {
        String m = e instanceof InvalidInput ii && ii.problems().size() > 1
                ? String.join(" ", ii.problems().values())
                : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        return m.replace('\n', ' ').strip();
    }
}
