package dev.mailroom.persistence.store;

import dev.dirs.BaseDirectories;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the data folder: {@code --data-dir}, else {@code MAILROOM_DATA_DIR}, else the platform's
 * data folder (Linux {@code $XDG_DATA_HOME/mailroom}, macOS {@code ~/Library/Application Support/Mailroom},
 * Windows {@code %APPDATA%\Mailroom}).
 */
public final class DataDirectory {
    public static final String ENV = "MAILROOM_DATA_DIR";

    private DataDirectory() {}

    public static Path resolve(Optional<String> fromCommandLine, Map<String, String> env) {
        Optional<String> chosen = fromCommandLine
                .filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(env.get(ENV)).filter(s -> !s.isBlank()));
        return chosen.map(s -> Path.of(expandHome(s)))
                .orElseGet(DataDirectory::platformDefault)
                .toAbsolutePath()
                .normalize();
    }

    static Path platformDefault() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String name = os.contains("linux") || os.contains("nix") || os.contains("bsd") ? "mailroom" : "Mailroom";
        return Path.of(BaseDirectories.get().dataDir, name);
    }

    private static String expandHome(String path) {
        return path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
    }
}
