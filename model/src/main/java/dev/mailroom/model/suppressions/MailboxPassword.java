package dev.mailroom.model.suppressions;

import java.util.Objects;

/**
 * A report mailbox's password in memory. It prints as a mask, so a log line or an exception cannot
 * carry it; {@link #reveal()} is the one way to read it. (Kept here rather than using the sending
 * feature's {@code Secret}, which would tie suppressions and sending into a package cycle.)
 */
public final class MailboxPassword {
    private final String value;

    private MailboxPassword(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static MailboxPassword of(String value) {
        return new MailboxPassword(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return "••••••";
    }
}
