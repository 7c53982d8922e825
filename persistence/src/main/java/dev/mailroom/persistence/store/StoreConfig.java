package dev.mailroom.persistence.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the store lives. {@code dataDir} always holds logs and the lock file; the database itself is
 * an H2 file there unless a PostgreSQL JDBC URL is given (a team sharing one store).
 */
public record StoreConfig(Path dataDir, Optional<String> jdbcUrl, Optional<String> user, Optional<String> password) {
    public static StoreConfig h2(Path dataDir) {
        return new StoreConfig(dataDir, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean isPostgres() {
        return jdbcUrl.filter(u -> u.startsWith("jdbc:postgresql:")).isPresent();
    }

    @Override
    public String toString() {
        // Never print the password.
        return "StoreConfig[" + dataDir + ", " + jdbcUrl.orElse("H2") + "]";
    }
}
