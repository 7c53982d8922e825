package dev.mailroom.persistence.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mailroom.model.common.ExternalFailure;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open Mailroom store: the database (an H2 file in the data folder, or PostgreSQL), migrated to
 * this version's schema, and the lock that keeps a second Mailroom process off the same H2 file.
 * Every way opening can fail becomes an {@link ExternalFailure} with a message for the person.
 */
public final class Store implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Store.class);
    static final String DB_NAME = "mailroom";

    private final StoreConfig config;
    private final HikariDataSource dataSource;
    private FileChannel lockChannel;
    private FileLock lock;
    private final DSLContext dsl;
    private final JooqTransactions transactions;

    private Store(
            StoreConfig config,
            HikariDataSource dataSource,
            FileChannel lockChannel,
            FileLock lock,
            SQLDialect dialect) {
        this.config = config;
        this.dataSource = dataSource;
        this.lockChannel = lockChannel;
        this.lock = lock;
        // jOOQ's classes are generated with lower-case quoted names; rendering them unquoted lets H2
        // (upper-case) and PostgreSQL (lower-case) each find their own tables.
        Settings settings = new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED);
        this.dsl = DSL.using(dataSource, dialect, settings);
        this.transactions = new JooqTransactions(dsl);
    }

    static {
        // H2's automatic mixed mode (AUTO_SERVER) lets the process that opened the file first serve it to
        // the others over TCP; bound to loopback, never to the network (docs/decisions/0061). H2 reads this
        // once, when its classes load, which is after this (the store is the only thing here that opens H2).
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    /**
     * Opens the store for the console: one console per store (a second gets a clear message), while
     * command-line runs ({@link #openShared}) may use the same store at the same time.
     */
    public static Store open(StoreConfig config) {
        return open(config, true);
    }

    /**
     * Opens the store for a command-line run: beside an open console (or none) on the same H2 file,
     * through H2's automatic mixed mode; PostgreSQL is shared anyway (docs/decisions/0061).
     */
    public static Store openShared(StoreConfig config) {
        return open(config, false);
    }

    private static Store open(StoreConfig config, boolean oneConsole) {
        Path dir = config.dataDir();
        ensureWritable(dir);
        FileChannel channel = null;
        FileLock lock = null;
        if (!config.isPostgres() && oneConsole) {
            channel = openLockFile(dir);
            lock = tryLock(channel, dir);
        }
        HikariDataSource ds = null;
        try {
            ds = dataSource(config);
            migrate(ds);
            if (!config.isPostgres()) {
                // The store's files exist now: owner-only too (the folder was tightened before they were made).
                restrict(dir);
            }
            SQLDialect dialect = config.isPostgres() ? SQLDialect.POSTGRES : SQLDialect.H2;
            log.info("Store open: {}", config.isPostgres() ? "PostgreSQL" : "H2 in " + dir);
            return new Store(config, ds, channel, lock, dialect);
        } catch (RuntimeException e) {
            if (ds != null) {
                ds.close();
            }
            release(channel, lock);
            throw e;
        }
    }

    /**
     * For a command-line run that would send: takes the one-console lock when no console holds it, so that
     * on H2 exactly one process drains the outbox (claims on H2 rely on it, docs/decisions/0036 and 0061).
     * True when this process holds it now, or the store is PostgreSQL (shared by design, claims leased);
     * false while a console (or another run) has it. Released by {@link #close()}.
     */
    public synchronized boolean tryLockExclusive() {
        if (config.isPostgres() || lock != null) {
            return true;
        }
        FileChannel channel = openLockFile(config.dataDir());
        FileLock taken;
        try {
            taken = channel.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            taken = null;
        }
        if (taken == null) {
            closeQuietly(channel);
            return false;
        }
        lockChannel = channel;
        lock = taken;
        return true;
    }

    public StoreConfig config() {
        return config;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DSLContext dsl() {
        return dsl;
    }

    public JooqTransactions transactions() {
        return transactions;
    }

    /** For the status bar: "H2 · /home/ana/.local/share/mailroom" or "PostgreSQL · host/db". */
    public String describe() {
        if (config.isPostgres()) {
            String url = config.jdbcUrl().orElse("");
            return "PostgreSQL · " + url.replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*$", "");
        }
        String home = System.getProperty("user.home");
        String dir = config.dataDir().toString();
        return "H2 · " + (home != null && dir.startsWith(home) ? "~" + dir.substring(home.length()) : dir);
    }

    @Override
    public synchronized void close() {
        dataSource.close();
        release(lockChannel, lock);
        log.info("Store closed");
    }

    private static void restrict(Path dir) {
        try {
            OwnerOnly.restrict(dir);
        } catch (IOException e) {
            throw notWritable(dir, e);
        }
    }

    private static void ensureWritable(Path dir) {
        try {
            OwnerOnly.restrict(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (AccessDeniedException e) {
            throw notWritable(dir, e);
        } catch (FileSystemException e) {
            throw notWritable(dir, e);
        } catch (IOException e) {
            throw notWritable(dir, e);
        }
    }

    private static ExternalFailure notWritable(Path dir, IOException e) {
        return new ExternalFailure(
                "Mailroom cannot write to its data folder " + dir
                        + ". Fix the folder's permissions, or choose another folder with --data-dir or MAILROOM_DATA_DIR.",
                e);
    }

    private static FileChannel openLockFile(Path dir) {
        try {
            return FileChannel.open(
                    dir.resolve(DB_NAME + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw notWritable(dir, e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path dir) {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw notWritable(dir, e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw alreadyOpen(dir);
        }
        return lock;
    }

    private static ExternalFailure alreadyOpen(Path dir) {
        return new ExternalFailure(
                "This store (" + dir + ") is already open in another Mailroom. "
                        + "Switch to that window, or close it and start again. To use a different store, start with --data-dir.");
    }

    private static HikariDataSource dataSource(StoreConfig config) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("mailroom-store");
        if (config.isPostgres()) {
            hc.setJdbcUrl(config.jdbcUrl().orElseThrow());
            config.user().ifPresent(hc::setUsername);
            config.password().ifPresent(hc::setPassword);
            hc.setMaximumPoolSize(8);
        } else {
            // WRITE_DELAY=0: a commit reaches the file before the call returns. H2 otherwise keeps up to
            // half a second of commits in memory, and a killed process loses them (the outbox crash test
            // saw sent messages come back as queued and go out twice).
            // retry: H2's file system that reopens the file and retries when a thread interrupted inside a
            // write closed the channel; the plain file system leaves the store closed for every later action
            // (docs/decisions/0020; InterruptedWriterTest). Same file, same format: existing stores open.
            // TRACE_LEVEL_FILE=4: H2 reports through SLF4J into our owner-only logs, never a world-readable
            // <store>.trace.db beside the store (OwnerOnlyTest).
            // AUTO_SERVER=TRUE: the first process to open the file serves it on loopback to the next (a console
            // and command-line runs at once, docs/decisions/0061). H2 refuses it with DB_CLOSE_ON_EXIT=FALSE, so
            // H2 closes the file in its own shutdown hook; we close the pool first on an orderly exit anyway.
            // LOCK_TIMEOUT=10000: a write waits up to 10 s for another's row lock (H2's default is far shorter), so
            // the sender's threads and a sync appending to the same tenant's roll-ups wait their turn on a busy
            // machine instead of failing (JooqEventStoreTest's concurrent first events of a day failed under load).
            hc.setJdbcUrl("jdbc:h2:retry:" + config.dataDir().resolve(DB_NAME).toAbsolutePath()
                    + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;TRACE_LEVEL_FILE=4;LOCK_TIMEOUT=10000");
            hc.setUsername("mailroom");
            hc.setPassword("");
            hc.setMaximumPoolSize(6);
        }
        hc.setMinimumIdle(1);
        hc.setInitializationFailTimeout(-1);
        hc.setConnectionTimeout(10_000);
        try {
            return new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw cannotOpen(config, e);
        }
    }

    private static void migrate(HikariDataSource ds) {
        Flyway flyway = Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                // Features own version ranges (docs/decisions/0005): a lower range merged later still applies.
                .outOfOrder(true)
                .loggers("slf4j")
                .load();
        try {
            Optional<MigrationInfo> future = Arrays.stream(flyway.info().applied())
                    .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS
                            || m.getState() == MigrationState.FUTURE_FAILED)
                    .reduce((a, b) -> b);
            if (future.isPresent()) {
                MigrationInfo known = flyway.info().current();
                throw new ExternalFailure("This store was written by a newer Mailroom (schema version "
                        + future.get().getVersion() + "; this Mailroom knows up to "
                        + (known == null ? "?" : latestKnown(flyway)) + "). "
                        + "Install the newer Mailroom to open it; nothing was changed.");
            }
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                log.info(
                        "Store schema migrated to version {} ({} migrations)",
                        result.targetSchemaVersion,
                        result.migrationsExecuted);
            }
        } catch (ExternalFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw translateOpenFailure(e);
        }
    }

    private static String latestKnown(Flyway flyway) {
        return Arrays.stream(flyway.info().all())
                .filter(m ->
                        m.getState() != MigrationState.FUTURE_SUCCESS && m.getState() != MigrationState.FUTURE_FAILED)
                .map(m -> m.getVersion() == null ? "?" : m.getVersion().toString())
                .reduce((a, b) -> b)
                .orElse("?");
    }

    private static ExternalFailure translateOpenFailure(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == 90020) {
                return new ExternalFailure(
                        "The store's database file is in use by another program. "
                                + "Close any other Mailroom or database tool that has it open, then start again.",
                        e);
            }
        }
        return new ExternalFailure(
                "Mailroom could not open its store: " + rootMessage(e)
                        + ". Nothing was changed. If the file is damaged, restore it from a backup.",
                e);
    }

    private static ExternalFailure cannotOpen(StoreConfig config, RuntimeException e) {
        if (!config.isPostgres()) {
            return translateOpenFailure(e);
        }
        return new ExternalFailure(
                "Mailroom could not connect to the PostgreSQL store: " + rootMessage(e)
                        + ". Check the JDBC URL, user and password, and that the server is running.",
                e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static void release(FileChannel channel, FileLock lock) {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            log.warn("Could not release the store lock: {}", e.getMessage());
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do with a lock file we are giving up
            }
        }
    }
}
