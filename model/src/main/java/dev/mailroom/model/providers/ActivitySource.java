package dev.mailroom.model.providers;

import dev.mailroom.model.sending.ApiEndpoint;
import java.time.Instant;

/**
 * Port: a provider's activity, a page at a time (adapters in {@code mailer/.../providers}). The cursor is the
 * adapter's own text; an empty cursor starts {@link #FIRST_SYNC_DAYS} back. Never puts the key in a message.
 */
public interface ActivitySource {
    /** How far back the first sync of a connection reaches. */
    int FIRST_SYNC_DAYS = 7;

    ActivityPage page(ApiEndpoint endpoint, String cursor, Instant now) throws SyncFailure;
}
