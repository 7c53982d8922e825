package dev.mailroom.model.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Third-party test data kept in each module's {@code src/test/resources/fixtures/<set>/} (with a
 * README naming its source and licence), read from the class path. Missing data fails the test that
 * wanted it: a test never skips because its data is absent.
 */
public final class Fixtures {
    private Fixtures() {}

    /** The folder {@code fixtures/<set>} on the test class path. */
    public static Path dir(String set) {
        Path dir = resource("fixtures/" + set);
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("Test data fixtures/" + set + " is not a folder: " + dir);
        }
        return dir;
    }

    /** A file or folder of the module's own test resources, by its class-path name; it must exist. */
    public static Path resource(String name) {
        URL url = Fixtures.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new AssertionError("Test data missing: " + name + " is not on the test class path"
                    + " (it belongs in src/test/resources/" + name + ", with a README.md naming its source)");
        }
        if (!"file".equals(url.getProtocol())) {
            throw new AssertionError(
                    "Test data " + name + " must be a folder of the module's own test resources, not " + url);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError("Test data " + name + " has an unusable location: " + url, e);
        }
    }

    /** A file of a set, say {@code file("bounces-sisimai", "eml/arf-01.eml")}; it must exist. */
    public static Path file(String set, String relative) {
        Path file = dir(set).resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("Test data missing: fixtures/" + set + "/" + relative);
        }
        return file;
    }

    /** The files directly in a folder of a set, sorted by name; fails when there are none. */
    public static List<Path> files(String set, String folder) {
        Path dir = dir(set).resolve(folder);
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("Test data missing: fixtures/" + set + "/" + folder);
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(Files::isRegularFile).sorted().toList();
            if (files.isEmpty()) {
                throw new AssertionError("Test data missing: fixtures/" + set + "/" + folder + " is empty");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of a file of a set. */
    public static byte[] bytes(String set, String relative) {
        try {
            return Files.readAllBytes(file(set, relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
