package dev.mailroom.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Runs the command line in this JVM with captured output, as a person or a script would. */
final class CliRun {
    record Result(int code, String out, String err) {}

    private final Path dataDir;
    private final Map<String, String> env = new HashMap<>();

    CliRun(Path dataDir) {
        this.dataDir = dataDir;
        env.put("MAILROOM_DATA_DIR", dataDir.toString());
    }

    CliRun as(String email, String password) {
        env.put("MAILROOM_USER", email);
        env.put("MAILROOM_PASSWORD", password);
        return this;
    }

    CliRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MailroomCli.run(
                args,
                new CliContext(
                        Map.copyOf(env),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        PasswordPrompt.none(),
                        Clock.systemUTC(),
                        false));
        System.out.println("[cli " + String.join(" ", args) + "] exit " + code + "\n" + out + err);
        return new Result(code, out.toString(), err.toString());
    }

    Path dataDir() {
        return dataDir;
    }
}
