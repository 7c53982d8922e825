package dev.mailroom.model.suppressions;

import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventStore;
import dev.mailroom.model.activity.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records events and keeps the suppression list in step with them: the one way a bounce, a complaint or an
 * unsubscribe is written, whether the outbox heard it from a relay, a report said it, or the demo made it.
 * Each such event is appended on its own, after its recipient's current entry and earlier soft bounces are
 * read, and {@link SuppressionRules} decide what changes; other events are appended together. Runs in the
 * caller's transaction.
 */
public final class SuppressingEvents {
    private final EventStore events;
    private final SuppressionStore suppressions;

    public SuppressingEvents(EventStore events, SuppressionStore suppressions) {
        this.events = events;
        this.suppressions = suppressions;
    }

    /** Whether an event of this type can change the suppression list. */
    static boolean suppresses(EventType type) {
        return switch (type) {
            case HARD_BOUNCE, SOFT_BOUNCE, COMPLAINED, UNSUBSCRIBED -> true;
            default -> false;
        };
    }

    /**
     * Appends {@code batch} and applies the suppression rules to each bounce, complaint and unsubscribe in it,
     * in the batch's order.
     *
     * @return how many suppression entries were added or changed
     */
    public int record(List<Event> batch) {
        int changed = 0;
        List<Event> plain = new ArrayList<>(batch.size());
        for (Event e : batch) {
            if (!suppresses(e.type())) {
                plain.add(e);
                continue;
            }
            Optional<Suppression> current = suppressions.find(e.tenant(), e.domain(), e.recipient());
            List<Instant> earlier = e.type() == EventType.SOFT_BOUNCE
                    ? events.softBounceTimes(
                            e.tenant(), e.domain(), e.recipient(), e.at().minus(SuppressionRules.WINDOW), e.at())
                    : List.of();
            events.append(List.of(e));
            Optional<Suppression> change = SuppressionRules.apply(e, current, earlier);
            if (change.isPresent()) {
                suppressions.put(change.get());
                changed++;
            }
        }
        if (!plain.isEmpty()) {
            events.append(plain);
        }
        return changed;
    }
}
