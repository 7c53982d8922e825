package dev.mailroom.app.cli;

/** A command's own refusal of its input (a file with bad rows, options that do not go together): exit 5. */
final class CommandProblem extends RuntimeException {
    CommandProblem(String message) {
        super(message);
    }
}
