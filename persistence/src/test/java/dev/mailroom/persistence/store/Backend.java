package dev.mailroom.persistence.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two databases every store test runs on: H2 in a fresh data folder, and a real PostgreSQL server
 * (embedded, started once per test JVM) with a fresh database per store.
 */
public enum Backend {
    H2 {
        @Override
        public StoreConfig newStore(Path dataDir) {
            return StoreConfig.h2(dataDir);
        }
    },
    POSTGRES {
        @Override
        public StoreConfig newStore(Path dataDir) {
            String db = "mailroom_test_" + COUNTER.incrementAndGet();
            try (Connection c = server().getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("create database " + db);
            } catch (SQLException e) {
                throw new IllegalStateException("could not create test database", e);
            }
            return new StoreConfig(
                    dataDir,
                    Optional.of(server().getJdbcUrl("postgres", db)),
                    Optional.of("postgres"),
                    Optional.empty());
        }
    };

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    public abstract StoreConfig newStore(Path dataDir);

    public Store open(Path dataDir) {
        return Store.open(newStore(dataDir));
    }

    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return postgres;
    }
}
