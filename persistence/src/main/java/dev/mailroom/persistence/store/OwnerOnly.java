package dev.mailroom.persistence.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local data folder is for its owner only: on POSIX systems the folder and every folder in it
 * {@code 700}, every file {@code 600} (the H2 store, its lock, the logs, the vault's key). An existing
 * folder is tightened at start, and the log says what was changed. On other systems (Windows) the
 * per-user application-data folder already keeps other accounts out, and nothing is done.
 */
public final class OwnerOnly {
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Logger log = LoggerFactory.getLogger(OwnerOnly.class);

    private OwnerOnly() {}

    public static boolean supported() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Creates the folder owner-only if missing; tightens it and everything in it; returns how many were changed. */
    public static int restrict(Path dir) throws IOException {
        if (!supported()) {
            Files.createDirectories(dir);
            return 0;
        }
        if (!Files.exists(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(FOLDER));
        }
        int[] changed = {0};
        // Two levels: the store's files and logs/…; a folder chosen by hand holds nothing deeper of Mailroom's.
        Files.walkFileTree(
                dir, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), 2, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                        changed[0] += set(d, FOLDER);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            changed[0] += set(f, FILE);
                        } else if (attrs.isDirectory()) {
                            changed[0] += set(f, FOLDER);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        if (changed[0] > 0) {
            log.info(
                    "Data folder {}: made {} entr{} readable by this account only (folders 700, files 600)",
                    dir,
                    changed[0],
                    changed[0] == 1 ? "y" : "ies");
        }
        return changed[0];
    }

    private static int set(Path p, Set<PosixFilePermission> wanted) {
        try {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            if (now.equals(wanted)) {
                return 0;
            }
            Files.setPosixFilePermissions(p, wanted);
            return 1;
        } catch (IOException e) {
            // Not ours to change (another account's file in a folder chosen by hand): say so, go on.
            log.warn("Data folder: cannot make {} owner-only: {}", p, e.toString());
            return 0;
        }
    }
}
