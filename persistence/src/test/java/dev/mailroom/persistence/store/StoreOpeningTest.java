package dev.mailroom.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.common.ExternalFailure;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreOpeningTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyFolderBecomesAMigratedStore() {
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            assertThat(store.dsl().fetchCount(dev.mailroom.persistence.jooq.Tables.TENANT))
                    .isZero();
            assertThat(store.describe()).startsWith("H2 · ");
        }
        assertThat(dir.resolve("mailroom.mv.db")).exists();
    }

    @Test
    void aSecondOpenInTheSameProcessIsRefusedClearly() {
        try (Store first = Store.open(StoreConfig.h2(dir))) {
            assertThat(first.describe()).startsWith("H2 · ");
            assertThatThrownBy(() -> Store.open(StoreConfig.h2(dir)))
                    .isInstanceOf(ExternalFailure.class)
                    .hasMessageContaining("already open in another Mailroom");
        }
        Store.open(StoreConfig.h2(dir)).close();
    }

    @Test
    void aStoreHeldByAnotherProcessIsRefusedClearlyAndOpensOnceItIsReleased() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        HoldStoreOpen.class.getName(),
                        dir.toString()))
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("OPEN")) {
                // skip the other JVM's log lines
            }
            assertThat(line).as("the other process opened the store").isEqualTo("OPEN");

            assertThatThrownBy(() -> Store.open(StoreConfig.h2(dir)))
                    .isInstanceOf(ExternalFailure.class)
                    .hasMessageContaining("already open in another Mailroom");
        } finally {
            other.getOutputStream().close();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Store.open(StoreConfig.h2(dir)).close();
    }

    @Test
    void aFolderThatCannotBeWrittenGetsAClearMessage() throws Exception {
        // A path below a regular file can never be created, even by root.
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        assertThatThrownBy(() -> Store.open(StoreConfig.h2(file.resolve("store"))))
                .isInstanceOf(ExternalFailure.class)
                .hasMessageContaining("cannot write to its data folder")
                .hasMessageContaining("--data-dir");
    }

    @Test
    void aStoreWrittenByANewerMailroomIsRefusedAndLeftUntouched() {
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            store.dsl()
                    .execute(
                            "insert into \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", "
                                    + "\"script\", \"checksum\", \"installed_by\", \"installed_on\", \"execution_time\", \"success\") "
                                    + "values (999, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 0, 'test', current_timestamp, 1, true)");
        }
        assertThatThrownBy(() -> Store.open(StoreConfig.h2(dir)))
                .isInstanceOf(ExternalFailure.class)
                .hasMessageContaining("newer Mailroom")
                .hasMessageContaining("999");
        // the refusal released the lock: the folder is not left locked
        assertThatThrownBy(() -> Store.open(StoreConfig.h2(dir))).hasMessageContaining("newer Mailroom");
    }

    @Test
    void aDamagedDatabaseFileGetsAClearMessage() throws Exception {
        Files.write(
                dir.resolve("mailroom.mv.db"),
                "this is not an H2 file".repeat(200).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Store.open(StoreConfig.h2(dir)))
                .isInstanceOf(ExternalFailure.class)
                .hasMessageContaining("could not open its store");
    }
}
