package dev.mailroom.model.activity;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Counts per event type, and the rates mailbox providers judge a sender by. Bounce and delivery rates
 * are over messages sent; complaint and open rates over messages delivered, as providers count them.
 * A rate with nothing to divide by is empty, not zero.
 */
public final class EventTotals {
    public static final EventTotals NONE = new EventTotals(Map.of());

    private final Map<EventType, Long> counts;

    public EventTotals(Map<EventType, Long> counts) {
        EnumMap<EventType, Long> copy = new EnumMap<>(EventType.class);
        counts.forEach((k, v) -> {
            if (v < 0) {
                throw new IllegalArgumentException("a count is never negative: " + k + "=" + v);
            }
            if (v > 0) {
                copy.put(k, v);
            }
        });
        this.counts = Collections.unmodifiableMap(copy);
    }

    public long count(EventType type) {
        return counts.getOrDefault(type, 0L);
    }

    public Map<EventType, Long> counts() {
        return counts;
    }

    public EventTotals plus(EventTotals other) {
        EnumMap<EventType, Long> sum = new EnumMap<>(EventType.class);
        sum.putAll(counts);
        other.counts.forEach((k, v) -> sum.merge(k, v, Long::sum));
        return new EventTotals(sum);
    }

    public long sent() {
        return count(EventType.SENT);
    }

    public long delivered() {
        return count(EventType.DELIVERED);
    }

    public long bounced() {
        return count(EventType.SOFT_BOUNCE) + count(EventType.HARD_BOUNCE);
    }

    public OptionalDouble deliveryRate() {
        return ratio(delivered(), sent());
    }

    public OptionalDouble bounceRate() {
        return ratio(bounced(), sent());
    }

    public OptionalDouble complaintRate() {
        return ratio(count(EventType.COMPLAINED), delivered());
    }

    public OptionalDouble openRate() {
        return ratio(count(EventType.OPENED), delivered());
    }

    private static OptionalDouble ratio(long part, long whole) {
        return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) part / whole);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventTotals t && t.counts.equals(counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }

    @Override
    public String toString() {
        return "EventTotals" + counts;
    }
}
