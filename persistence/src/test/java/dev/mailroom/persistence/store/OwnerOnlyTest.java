package dev.mailroom.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder and every file in it are for their owner only (POSIX): 700 and 600. */
class OwnerOnlyTest {
    @TempDir
    Path tmp;

    @Test
    void aNewStoreIsOwnerOnly() throws Exception {
        assertThat(OwnerOnly.supported()).as("tests run on a POSIX file system").isTrue();
        Path dir = tmp.resolve("new").resolve("mailroom");
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            assertThat(store.describe()).startsWith("H2");
            assertOwnerOnly(dir);
        }
        assertOwnerOnly(dir);
    }

    @Test
    void anExistingOpenFolderIsTightenedAtStart() throws Exception {
        Path dir = tmp.resolve("old");
        Files.createDirectories(dir.resolve("logs"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir.resolve("logs"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = Files.writeString(dir.resolve("logs").resolve("mailroom.log"), "old log\n");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            assertOwnerOnly(dir);
        }
        assertThat(OwnerOnly.restrict(dir)).as("nothing left to tighten").isZero();
    }

    private static void assertOwnerOnly(Path dir) throws Exception {
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.toList();
        }
        assertThat(all).hasSizeGreaterThan(1);
        for (Path p : all) {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
            assertThat(mode).as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
        }
    }
}
