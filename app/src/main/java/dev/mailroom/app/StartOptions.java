package dev.mailroom.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line: {@code --data-dir DIR}, {@code --demo}, {@code --screenshot FILE},
 * {@code --jdbc-url URL} (PostgreSQL for a team; user and password from {@code MAILROOM_JDBC_USER} and
 * {@code MAILROOM_JDBC_PASSWORD}), {@code --page ID}, {@code --watch-stalls} ({@link
 * dev.mailroom.app.common.FxStallWatch}).
 */
public record StartOptions(
        Optional<String> dataDir,
        boolean demo,
        Optional<Path> screenshot,
        Optional<String> jdbcUrl,
        Optional<String> page,
        boolean watchStalls) {

    public StartOptions(Optional<String> dataDir, boolean demo, Optional<Path> screenshot, Optional<String> jdbcUrl) {
        this(dataDir, demo, screenshot, jdbcUrl, Optional.empty(), false);
    }

    public static final String USAGE = """
            Usage: mailroom [--data-dir DIR] [--demo] [--screenshot FILE] [--page ID] [--jdbc-url URL] [--watch-stalls]
              --data-dir DIR     where the store lives (default: the platform's data folder, or MAILROOM_DATA_DIR)
              --demo             fill a new store with three sample clients
              --screenshot FILE  write a PNG of the main window and exit
              --page ID          open this screen first: an agency screen (overview, tenants, users, audit, library, billing)
                                 or one of the current tenant's (tenant-profile, domains, templates, outbox, …;
                                 template-editor and template-editor-mobile open its first template)
              --jdbc-url URL     use a PostgreSQL store shared by a team (MAILROOM_JDBC_USER, MAILROOM_JDBC_PASSWORD)
              --watch-stalls     log each time the window froze for over 100 ms, with what it was doing (for reports)
            """;

    public static StartOptions parse(List<String> args, Map<String, String> env) {
        Optional<String> dataDir = Optional.empty();
        boolean demo = false;
        Optional<Path> screenshot = Optional.empty();
        Optional<String> jdbcUrl =
                Optional.ofNullable(env.get("MAILROOM_JDBC_URL")).filter(s -> !s.isBlank());
        Optional<String> page = Optional.empty();
        boolean watchStalls = false;
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                inlineValue = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--data-dir" -> dataDir = Optional.of(value(arg, inlineValue, rest));
                case "--demo" -> demo = true;
                case "--screenshot" -> screenshot = Optional.of(Path.of(value(arg, inlineValue, rest)));
                case "--jdbc-url" -> jdbcUrl = Optional.of(value(arg, inlineValue, rest));
                case "--page" -> page = Optional.of(value(arg, inlineValue, rest));
                case "--watch-stalls" -> watchStalls = true;
                default -> throw new IllegalArgumentException("Unknown option " + arg + "\n" + USAGE);
            }
        }
        return new StartOptions(dataDir, demo, screenshot, jdbcUrl, page, watchStalls);
    }

    private static String value(String option, String inline, List<String> rest) {
        if (inline != null) {
            return inline;
        }
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return rest.remove(0);
    }
}
