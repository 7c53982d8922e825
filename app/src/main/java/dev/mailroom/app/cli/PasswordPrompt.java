package dev.mailroom.app.cli;

import java.io.Console;
import java.util.Optional;

/** Asks the person at the terminal for a password without echoing it; empty when there is no terminal. */
@FunctionalInterface
public interface PasswordPrompt {
    Optional<char[]> ask(String prompt);

    /** The JVM's terminal, when stdin and stdout are one. */
    static PasswordPrompt terminal() {
        return prompt -> {
            Console console = System.console();
            return console == null ? Optional.empty() : Optional.ofNullable(console.readPassword("%s", prompt));
        };
    }

    static PasswordPrompt none() {
        return prompt -> Optional.empty();
    }
}
