package dev.mailroom.app.cli;

/** The command line's exit codes, as the README documents them. */
public final class ExitCode {
    /** Done. */
    public static final int OK = 0;
    /** Something unexpected went wrong (the log in the data folder has the detail). */
    public static final int UNEXPECTED = 1;
    /** Bad arguments: an unknown command or option, a missing or malformed value. */
    public static final int USAGE = 2;
    /** Could not sign in: wrong email or password, unknown or revoked token, account locked. */
    public static final int SIGN_IN = 3;
    /** Refused: no such item, or no permission for it. */
    public static final int REFUSED = 4;
    /** Invalid input or a conflict with what is stored (a name taken, a file with bad rows). */
    public static final int INVALID = 5;
    /** Something outside failed: the store, DNS, a relay, a provider, a file. */
    public static final int EXTERNAL = 6;
    /** Done, but the result is not all good: records missing, a connection test failed, messages not sent. */
    public static final int NOT_ALL_GOOD = 7;

    private ExitCode() {}
}
