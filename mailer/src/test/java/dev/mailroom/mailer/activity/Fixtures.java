package dev.mailroom.mailer.activity;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code shared/fixtures}, which sits beside the repository (as in CI) or above a worktree. */
final class Fixtures {
    private Fixtures() {}

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/fixtures not found above " + dir);
    }
}
