package dev.mailroom.app.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the person chose in the UI (window geometry, theme, last tenant), kept in {@code ui.properties}
 * in the data folder. Loading and saving touch the disk: call them from background work.
 */
public final class UiSettings {
    private static final Logger log = LoggerFactory.getLogger(UiSettings.class);

    private final Path file;
    private final Properties values;

    private UiSettings(Path file, Properties values) {
        this.file = file;
        this.values = values;
    }

    public static UiSettings load(Path dataDir) {
        Path file = dataDir.resolve("ui.properties");
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                log.warn("Ignoring unreadable UI settings {}: {}", file, e.getMessage());
            }
        }
        return new UiSettings(file, p);
    }

    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    public synchronized Optional<Double> getDouble(String key) {
        try {
            return get(key).map(Double::valueOf);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public synchronized void put(String key, String value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.setProperty(key, value);
        }
    }

    /** Writes atomically, so a crash mid-write never leaves half a file; a failure is only logged. */
    public synchronized void save() {
        try {
            saveOrThrow();
        } catch (IOException e) {
            log.warn("Could not save UI settings: {}", e.getMessage());
        }
    }

    /** As {@link #save()}, for settings the person just typed: a failure is theirs to see. */
    public synchronized void saveOrThrow() throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("ui.properties.tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            values.store(out, "Mailroom UI settings");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
