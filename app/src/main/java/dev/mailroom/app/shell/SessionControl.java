package dev.mailroom.app.shell;

import dev.mailroom.model.common.UserId;

/** What the window asks of whoever started the session: leave it, or change who acts. */
public interface SessionControl {
    void signOut();

    /** The agency owner starts seeing exactly what this user sees. */
    void actAs(UserId user);

    void stopActing();

    /** The store's size on disk, measured in the background; empty where the database server keeps it. */
    default java.util.OptionalLong storeSizeBytes() {
        return java.util.OptionalLong.empty();
    }
}
