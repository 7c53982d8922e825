package dev.mailroom.model.suppressions;

import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * When an event puts a recipient on a tenant's suppression list (per sending domain). Pure logic:
 * the service gives it the event, the recipient's current entry and its recent soft bounces.
 *
 * <ul>
 *   <li>a hard bounce, a complaint or an unsubscribe: a permanent entry at once;</li>
 *   <li>a soft bounce that makes {@value #SOFT_BOUNCE_LIMIT} or more soft bounces within
 *       {@link #WINDOW} (30 days, counting back from this one, and only those after the end of the
 *       recipient's last hold, so a recipient is not put straight back on hold by the bounces that
 *       already cost it one): on hold for {@link #HOLD} (72 hours);</li>
 *   <li>an entry already there is never weakened: a permanent one stays, a longer hold stays.
 *       A permanent reason replaces a hold.</li>
 * </ul>
 */
public final class SuppressionRules {
    public static final int SOFT_BOUNCE_LIMIT = 5;
    public static final Duration WINDOW = Duration.ofDays(30);
    public static final Duration HOLD = Duration.ofHours(72);

    private SuppressionRules() {}

    /**
     * @param current the recipient's entry for this tenant and domain, if any (even an expired hold)
     * @param softBounces the times of the recipient's earlier soft bounces for this tenant and
     *     domain, <em>without</em> this event (it is counted on top)
     * @return the entry to store, when it changes
     */
    public static Optional<Suppression> apply(
            Event event, Optional<Suppression> current, Collection<Instant> softBounces) {
        Optional<SuppressionReason> permanent = switch (event.type()) {
            case HARD_BOUNCE -> Optional.of(SuppressionReason.HARD_BOUNCE);
            case COMPLAINED -> Optional.of(SuppressionReason.COMPLAINT);
            case UNSUBSCRIBED -> Optional.of(SuppressionReason.UNSUBSCRIBE);
            default -> Optional.empty();
        };
        if (permanent.isPresent()) {
            if (current.isPresent() && current.get().reason().isPermanent()) {
                return Optional.empty();
            }
            return Optional.of(new Suppression(
                    event.tenant(),
                    event.domain(),
                    event.recipient(),
                    permanent.get(),
                    event.at(),
                    Optional.empty(),
                    note(event)));
        }
        if (event.type() != EventType.SOFT_BOUNCE) {
            return Optional.empty();
        }
        if (current.isPresent() && current.get().reason().isPermanent()) {
            return Optional.empty();
        }
        Instant from = event.at().minus(WINDOW);
        Optional<Instant> lastHoldEnd = current.flatMap(Suppression::until);
        if (lastHoldEnd.isPresent() && lastHoldEnd.get().isAfter(from)) {
            from = lastHoldEnd.get();
        }
        final Instant start = from;
        long count = softBounces.stream()
                        .filter(t -> t.isAfter(start) && !t.isAfter(event.at()))
                        .count()
                + 1;
        if (count < SOFT_BOUNCE_LIMIT) {
            return Optional.empty();
        }
        Instant until = event.at().plus(HOLD);
        if (current.isPresent()
                && current.get().until().map(u -> !u.isBefore(until)).orElse(false)) {
            return Optional.empty();
        }
        if (current.isPresent() && current.get().activeAt(event.at())) {
            // Extend the running hold from its start.
            Suppression c = current.get();
            return Optional.of(new Suppression(
                    c.tenant(), c.domain(), c.address(), c.reason(), c.since(), Optional.of(until), note(event)));
        }
        return Optional.of(new Suppression(
                event.tenant(),
                event.domain(),
                event.recipient(),
                SuppressionReason.SOFT_BOUNCE_HOLD,
                event.at(),
                Optional.of(until),
                count + " soft bounces in " + WINDOW.toDays() + " days; last: " + note(event)));
    }

    private static String note(Event event) {
        String d = event.details().diagnostic();
        String code = event.details().status().map(Object::toString).orElse("");
        String n = (code + " " + d).trim();
        return n.isEmpty() ? event.type().toString().toLowerCase().replace('_', ' ') : n;
    }
}
