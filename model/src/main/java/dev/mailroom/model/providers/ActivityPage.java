package dev.mailroom.model.providers;

import java.util.List;
import java.util.Objects;

/**
 * One page of a provider's activity.
 *
 * @param events what the page holds, in our terms (events the provider sent that we cannot use are left out)
 * @param skipped entries the page held that were unusable (no recipient, an unknown date…), counted for the report
 * @param nextCursor where the next call continues; saved with this page's events in one transaction
 * @param more whether the provider has more now; false once the sync has caught up
 */
public record ActivityPage(List<ProviderEvent> events, int skipped, String nextCursor, boolean more) {
    public ActivityPage {
        events = List.copyOf(events);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
