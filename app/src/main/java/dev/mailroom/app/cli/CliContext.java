package dev.mailroom.app.cli;

import dev.mailroom.app.common.UiSettings;
import dev.mailroom.app.domains.DnsPreferences;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.SignedIn;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.persistence.store.DataDirectory;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One command-line run: where its output goes, and (opened on first use) the store, the same
 * {@link Services} the console wires, and the signed-in actor. Closed when the command returns.
 */
public final class CliContext implements AutoCloseable {
    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;
    private final PasswordPrompt prompt;
    private final Clock clock;
    private final boolean terminal;

    private Optional<String> dataDir = Optional.empty();
    private Optional<String> jdbcUrl = Optional.empty();
    private Optional<String> user = Optional.empty();
    private boolean json;

    private Store store;
    private Services services;
    private UiSettings ui;
    private SignedIn signedIn;

    public CliContext(
            Map<String, String> env,
            PrintWriter out,
            PrintWriter err,
            PasswordPrompt prompt,
            Clock clock,
            boolean terminal) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.prompt = prompt;
        this.clock = clock;
        this.terminal = terminal;
    }

    void configure(Optional<String> dataDir, Optional<String> jdbcUrl, Optional<String> user, boolean json) {
        this.dataDir = dataDir;
        this.jdbcUrl = jdbcUrl.or(() -> env("MAILROOM_JDBC_URL"));
        this.user = user.or(() -> env("MAILROOM_USER"));
        this.json = json;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public boolean json() {
        return json;
    }

    /** True when a person watches (progress redraws one line); false for pipes and tests. */
    public boolean terminal() {
        return terminal;
    }

    public Clock clock() {
        return clock;
    }

    public Path dataDirectory() {
        return DataDirectory.resolve(dataDir, env);
    }

    public Services services() {
        if (services == null) {
            Path dir = dataDirectory();
            StoreConfig config =
                    new StoreConfig(dir, jdbcUrl, env("MAILROOM_JDBC_USER"), env("MAILROOM_JDBC_PASSWORD"));
            ui = UiSettings.load(dir);
            store = Store.openShared(config);
            services = Services.create(store, clock, DnsPreferences.from(ui).resolverSettings());
        }
        return services;
    }

    /** The console's DNS preferences in this data folder (resolvers, the relay's SPF term and return path). */
    public DnsPreferences dnsPreferences() {
        services();
        return DnsPreferences.from(ui);
    }

    /**
     * Signs in once per run: with {@code --user}/{@code MAILROOM_USER} and the password from
     * {@code MAILROOM_PASSWORD} or asked at the terminal; never from an argument.
     */
    public Actor actor() {
        if (signedIn == null) {
            signedIn = signIn();
        }
        return signedIn.actor();
    }

    public SignedIn signedIn() {
        actor();
        return signedIn;
    }

    private SignedIn signIn() {
        String email = user.orElseThrow(
                () -> new SignInProblem(
                        "Say who you are: --user EMAIL or MAILROOM_USER (the password comes from MAILROOM_PASSWORD or is asked)."));
        char[] password = env("MAILROOM_PASSWORD")
                .map(String::toCharArray)
                .or(() -> prompt.ask("Password for " + email + ": "))
                .orElseThrow(() -> new SignInProblem(
                        "No password: set MAILROOM_PASSWORD, or run in a terminal to be asked for it."));
        try {
            SignedIn in = services().signIn().signIn(email, password);
            if (in.mustChangePassword()) {
                throw new SignInProblem("Change your first password in the console before using the command line.");
            }
            return in;
        } catch (InvalidInput e) {
            throw new SignInProblem(e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * Whether this run may drain the outbox itself: on H2 only while no console has the store open (it then
     * holds the one-console lock until it ends, decisions 0036 and 0061); on PostgreSQL always.
     */
    public boolean maySendHere() {
        services();
        return store.tryLockExclusive();
    }

    /** A secret for a command (a new user's first password, a relay's): from the environment or asked; never an argument. */
    public char[] secret(String variable, String question) {
        return env(variable)
                .map(String::toCharArray)
                .or(() -> prompt.ask(question))
                .orElseThrow(
                        () -> new CommandProblem("Set " + variable + ", or run in a terminal to be asked for it."));
    }

    /** Runs {@code use} with a secret from {@link #secret}, and wipes the secret afterwards. */
    public <T> T withSecret(String variable, String question, java.util.function.Function<char[], T> use) {
        char[] secret = secret(variable, question);
        try {
            return use.apply(secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** A client the signed-in person can see, by its name (any case) or its number. */
    public Tenant tenant(String nameOrId) {
        List<Tenant> visible = services().tenants().list(actor());
        return Named.find(
                visible,
                nameOrId,
                Tenant::name,
                t -> t.id().value(),
                "No client \"" + nameOrId.strip() + "\", or you have no access to it.");
    }

    private Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).filter(s -> !s.isBlank());
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
        out.flush();
        err.flush();
    }

    /** Sign-in could not happen; exit code {@link ExitCode#SIGN_IN}. */
    public static final class SignInProblem extends RuntimeException {
        public SignInProblem(String message) {
            super(message);
        }
    }
}
