package dev.mailroom.app.shell;

import dev.mailroom.model.common.UserId;

/** What the window asks of whoever started the session: leave it, or change who acts. */
public interface SessionControl {
    void signOut();

    /** The agency owner starts seeing exactly what this user sees. */
    void actAs(UserId user);

    void stopActing();

    /** Opens the one Settings window over {@code owner} for this session. */
    void openSettings(javafx.stage.Window owner, dev.mailroom.app.session.Session session, String storeDescription);
}
