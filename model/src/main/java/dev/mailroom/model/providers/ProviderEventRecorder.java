package dev.mailroom.model.providers;

import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventDetails;
import dev.mailroom.model.activity.EventStore;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.ConnectionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Records a provider's events for one connection, each at most once by its key: the one step the activity
 * sync and the webhook import share. Call it inside the caller's transaction.
 */
final class ProviderEventRecorder {
    private ProviderEventRecorder() {}

    /** How many events were new (and recorded) and how many were recorded before. */
    record Counts(int recorded, int duplicates) {}

    static Counts recordNew(
            SyncStore seen,
            EventStore events,
            TenantId tenant,
            ConnectionId connection,
            List<ProviderEvent> provided,
            Instant now) {
        List<Event> fresh = new ArrayList<>();
        int duplicates = 0;
        for (ProviderEvent p : provided) {
            if (seen.markSeen(tenant, connection, p.key(), now)) {
                fresh.add(new Event(
                        tenant,
                        p.senderDomain(),
                        p.at(),
                        p.recipient(),
                        p.messageId(),
                        p.type(),
                        new EventDetails(OptionalInt.empty(), Optional.empty(), p.reason())));
            } else {
                duplicates++;
            }
        }
        if (!fresh.isEmpty()) {
            events.append(fresh);
        }
        return new Counts(fresh.size(), duplicates);
    }
}
