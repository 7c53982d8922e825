package dev.mailroom.model.sending;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A password or key in memory. It prints as a mask, so it cannot leak through a log line, an
 * exception message or a record's {@code toString()}; {@link #reveal()} is the one way to read it.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // not derived from the value: a hash would say something about it
    }

    @Override
    public String toString() {
        return "••••••";
    }
}
