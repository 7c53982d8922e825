package dev.mailroom.persistence.store;

import dev.mailroom.model.common.ExternalFailure;
import dev.mailroom.model.store.StoreCompaction;
import dev.mailroom.model.store.StoreSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.api.ErrorCode;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

/**
 * The embedded H2 store's file size and its compaction (docs/decisions/0083).
 *
 * <p>H2 writes new chunks at the end of its file and frees the space of old ones only when it compacts.
 * While the console runs, this adapter asks the open database's MVStore to compact in place for a bounded
 * time, as H2's own background writer and its close do, through H2's engine classes (the H2 version is
 * pinned in the parent pom, and {@code H2StoreCompactionTest} fails if an upgrade moves them). In place,
 * H2 moves what it can but may leave a file far bigger than its data; {@code SHUTDOWN COMPACT} copies the
 * live data into a fresh file instead, quickly, but closes the database, so it is kept for the exit.
 */
public final class H2StoreCompaction implements StoreCompaction {
    private final StoreConfig config;
    private final DataSource dataSource;

    public H2StoreCompaction(StoreConfig config, DataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
    }

    @Override
    public Optional<StoreSpace> space() {
        if (config.isPostgres()) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            return Optional.of(space(c));
        } catch (SQLException e) {
            throw new ExternalFailure("The store's size could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public StoreSpace compact(Duration slice) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, slice.toMillis()));
        try (Connection c = dataSource.getConnection()) {
            local(c).getDatabase().getStore().getMvStore().compactFile(millis);
            return space(c);
        } catch (SQLException e) {
            throw new ExternalFailure("The store could not be compacted: " + e.getMessage(), e);
        }
    }

    @Override
    public long compactWhileClosing() {
        Path file = config.dataDir().resolve(Store.DB_NAME + ".mv.db");
        // Not a pooled connection: handing a connection of a closed database back to the pool makes H2
        // log an error for it. A plain one joins the same open database.
        try (Connection c = plainConnection()) {
            local(c);
            try (Statement s = c.createStatement()) {
                s.execute("SHUTDOWN COMPACT");
            }
        } catch (SQLException e) {
            // The connection SHUTDOWN ran on is the first to learn that the database has closed.
            if (e.getErrorCode() != ErrorCode.DATABASE_CALLED_AT_SHUTDOWN
                    && e.getErrorCode() != ErrorCode.DATABASE_IS_CLOSED) {
                throw new ExternalFailure("The store could not be compacted: " + e.getMessage(), e);
            }
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new ExternalFailure("The compacted store's size could not be read: " + e.getMessage(), e);
        }
    }

    private Connection plainConnection() throws SQLException {
        if (!dataSource.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)) {
            return dataSource.getConnection();
        }
        com.zaxxer.hikari.HikariDataSource pool = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class);
        return java.sql.DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
    }

    /**
     * The H2 session of this process, refusing a server database and a store another process serves to
     * this one (AUTO_SERVER): compacting or shutting down is that console's business.
     */
    private SessionLocal local(Connection c) throws SQLException {
        if (config.isPostgres()) {
            throw new ExternalFailure("This store is kept by a PostgreSQL server, which manages its own space.");
        }
        if (!(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local)) {
            throw new ExternalFailure("Another Mailroom has this store open and serves it to this one; "
                    + "compact it from that console's Settings.");
        }
        return local;
    }

    /** The file size and the two fill rates H2 reports: of the file by chunks, and of chunks by live pages. */
    private static StoreSpace space(Connection c) throws SQLException {
        Map<String, String> info = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                        + "WHERE SETTING_NAME IN ('info.FILE_SIZE', 'info.FILL_RATE', 'info.CHUNKS_FILL_RATE')")) {
            while (rs.next()) {
                info.put(rs.getString(1), rs.getString(2));
            }
        }
        long file = number(info, "info.FILE_SIZE");
        long fill = Math.min(100, number(info, "info.FILL_RATE"));
        long chunksFill = Math.min(100, number(info, "info.CHUNKS_FILL_RATE"));
        return new StoreSpace(file, file * fill / 100 * chunksFill / 100);
    }

    private static long number(Map<String, String> info, String name) {
        String v = info.get(name);
        if (v == null) {
            throw new ExternalFailure("The store does not report " + name + "; is it an H2 file store?");
        }
        try {
            return Math.max(0, Long.parseLong(v.strip()));
        } catch (NumberFormatException e) {
            throw new ExternalFailure("The store reports " + name + " as \"" + v + "\", not a number.", e);
        }
    }
}
