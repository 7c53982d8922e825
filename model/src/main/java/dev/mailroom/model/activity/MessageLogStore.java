package dev.mailroom.model.activity;

import dev.mailroom.model.common.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Port: reads one tenant's messages out of the event store. Every read is bounded: a search returns
 * at most {@code limit} messages and walks an index, so a log of millions of events answers a page
 * at a time.
 */
public interface MessageLogStore {
    /** Messages matching the query, newest first, starting after {@code after} when given. */
    MessageLogResults search(
            TenantId tenant, MessageLogQuery query, Optional<MessageLogResults.Cursor> after, int limit);

    /** Every event of one message in this tenant, oldest first, at most {@code limit}. */
    List<Event> timeline(TenantId tenant, String messageId, int limit);
}
