package dev.mailroom.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.common.ExternalFailure;
import dev.mailroom.model.store.StoreSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction of a real H2 store file while it stays open, and what a PostgreSQL store says instead. */
class H2StoreCompactionTest {
    @TempDir
    Path dir;

    @Test
    void aFileMostlyOfDeletedRowsShrinksWhileOpenAndIsCopiedSmallAtClose() throws Exception {
        Path file = dir.resolve("mailroom.mv.db");
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            H2StoreCompaction compaction = new H2StoreCompaction(store.config(), store.dataSource());
            try (Connection c = store.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE scratch(id INT PRIMARY KEY, body VARCHAR(1000))");
                s.execute("CREATE TABLE kept(id INT PRIMARY KEY, body VARCHAR(100))");
                insert(c, "scratch", 60_000, 900);
                insert(c, "kept", 500, 80);
                s.execute("CHECKPOINT");
                s.execute("DELETE FROM scratch");
                s.execute("CHECKPOINT");
            }
            StoreSpace before = compaction.space().orElseThrow();
            assertThat(before.fileBytes()).as("on disk, as H2 says").isEqualTo(Files.size(file));
            assertThat(before.worthCompacting()).as("%s", before).isTrue();

            // In place, in slices as the console runs them, until three slices no longer shrink it.
            StoreSpace after = before;
            for (int i = 0, stalls = 0; i < 12 && stalls < 3; i++) {
                StoreSpace next = compaction.compact(Duration.ofMillis(800));
                stalls = next.fileBytes() < after.fileBytes() * 99 / 100 ? 0 : stalls + 1;
                after = next;
            }
            assertThat(after.fileBytes()).as("%s -> %s", before, after).isLessThan(before.fileBytes() / 2);
            assertThat(after.fileBytes()).isEqualTo(Files.size(file));
            // Still open and whole: the kept rows read back, and new writes go in.
            try (Connection c = store.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(LENGTH(body)) FROM kept")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(500);
                    assertThat(rs.getLong(2)).isEqualTo(500L * 80);
                }
                s.execute("INSERT INTO kept VALUES (100000, 'after compaction')");
            }

            // At close: the live data copied into a fresh file.
            long took = System.nanoTime();
            long closed = compaction.compactWhileClosing();
            took = (System.nanoTime() - took) / 1_000_000;
            System.out.printf("SHUTDOWN COMPACT: %s -> %d bytes in %d ms%n", after, closed, took);
            assertThat(closed).isEqualTo(Files.size(file)).isLessThan(8L * 1024 * 1024);
        }
        try (Store again = Store.open(StoreConfig.h2(dir));
                Connection c = again.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(body) FROM kept")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(501);
            assertThat(rs.getString(2)).isEqualTo("x".repeat(80));
            assertThat(again.dsl().fetchCount(dev.mailroom.persistence.jooq.Tables.TENANT))
                    .isZero();
        }
    }

    @Test
    void aFreshStoreIsNotWorthCompacting() {
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            StoreSpace space = new H2StoreCompaction(store.config(), store.dataSource())
                    .space()
                    .orElseThrow();
            assertThat(space.fileBytes()).isPositive();
            assertThat(space.liveBytes()).isBetween(1L, space.fileBytes());
            assertThat(space.worthCompacting()).isFalse();
        }
    }

    @Test
    void aPostgresStoreHasNoFileToCompact() {
        try (Store store = Backend.POSTGRES.open(dir)) {
            H2StoreCompaction compaction = new H2StoreCompaction(store.config(), store.dataSource());
            assertThat(compaction.space()).isEmpty();
            assertThatThrownBy(() -> compaction.compact(Duration.ofMillis(100)))
                    .isInstanceOf(ExternalFailure.class)
                    .hasMessageContaining("PostgreSQL");
            assertThatThrownBy(compaction::compactWhileClosing)
                    .isInstanceOf(ExternalFailure.class)
                    .hasMessageContaining("PostgreSQL");
        }
    }

    private static void insert(Connection c, String table, int rows, int width) throws SQLException {
        String body = "x".repeat(width);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
            for (int i = 0; i < rows; i++) {
                p.setInt(1, i);
                p.setString(2, body);
                p.addBatch();
                if (i % 1000 == 999) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
    }
}
