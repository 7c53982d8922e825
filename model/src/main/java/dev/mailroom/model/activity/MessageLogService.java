package dev.mailroom.model.activity;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The message log: a tenant's messages found by recipient, subject, Message-ID, status and date, and
 * one message's timeline. Reading needs {@link Permission#ANALYTICS_VIEW} in that tenant.
 */
public final class MessageLogService {
    public static final int PAGE = 100;
    /** A timeline longer than this is a loop somewhere; the first events say enough. */
    public static final int MAX_TIMELINE = 500;
    /** Searches span at most this long: the raw events are kept for about as long. */
    public static final Duration MAX_PERIOD = Duration.ofDays(400);

    private final MessageLogStore store;
    private final AccessPolicy access;
    private final Transactions tx;

    public MessageLogService(MessageLogStore store, AccessPolicy access, Transactions tx) {
        this.store = store;
        this.access = access;
        this.tx = tx;
    }

    public MessageLogResults search(
            Actor actor, TenantId tenant, MessageLogQuery query, Optional<MessageLogResults.Cursor> after) {
        if (Duration.between(query.from(), query.to()).compareTo(MAX_PERIOD) > 0) {
            throw new InvalidInput("period", "Search at most " + MAX_PERIOD.toDays() + " days at a time.");
        }
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.ANALYTICS_VIEW);
            MessageLogResults page = store.search(tenant, query, after, PAGE);
            // The store filters by tenant; checked again so that a store bug cannot show another tenant's mail.
            if (page.messages().size() > PAGE) {
                throw new IllegalStateException("the message log store returned more than a page");
            }
            return page;
        });
    }

    public List<Event> timeline(Actor actor, TenantId tenant, String messageId) {
        String id = MessageLogQuery.normaliseMessageId(messageId);
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.ANALYTICS_VIEW);
            List<Event> events = store.timeline(tenant, id, MAX_TIMELINE);
            if (events.stream().anyMatch(e -> !e.tenant().equals(tenant))) {
                throw new IllegalStateException("the message log store crossed tenants");
            }
            return events;
        });
    }
}
