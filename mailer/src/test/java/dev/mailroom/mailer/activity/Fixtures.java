package dev.mailroom.mailer.activity;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The real-world test material copied into {@code src/test/resources/fixtures/} (each set with a
 * README naming its source and licence), read from the class path. Missing data fails the test.
 */
final class Fixtures {
    private Fixtures() {}

    static Path root() {
        URL url = Fixtures.class.getResource("/fixtures/bounces-sisimai/README.md");
        if (url == null) {
            throw new IllegalStateException("test fixtures missing from the class path (src/test/resources/fixtures)");
        }
        try {
            return Path.of(url.toURI()).getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
