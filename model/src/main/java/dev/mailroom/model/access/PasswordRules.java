package dev.mailroom.model.access;

import dev.mailroom.model.common.Problems;

/** What a console password must be. The only rule people meet is the length; everything else is the hash's job. */
public final class PasswordRules {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 1024;

    private PasswordRules() {}

    public static void check(Problems problems, String field, char[] password) {
        int length = password == null ? 0 : password.length;
        problems.check(length >= MIN_LENGTH, field, "Use at least " + MIN_LENGTH + " characters.")
                .check(length <= MAX_LENGTH, field, "Use at most " + MAX_LENGTH + " characters.");
    }
}
