package dev.mailroom.model.activity;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Daily counts per tenant, sending domain, UTC day and event type, kept current one event (or one
 * batch) at a time. The store keeps the same numbers in a table, updated in the transaction that
 * inserts the events; this class is the rule it follows, and what the property test holds it to:
 * whatever the order events arrive in, the counts equal a count over the raw events.
 */
public final class DailyRollup {
    private final Map<RollupKey, Long> counts = new HashMap<>();

    public void add(Event event) {
        counts.merge(RollupKey.of(event), 1L, Long::sum);
    }

    /** Adds a batch the way the store does: first counted per key, then one update per key. */
    public void addBatch(Collection<Event> events) {
        merge(countOf(events));
    }

    /** Adds counts computed elsewhere (another batch, another thread's roll-up). */
    public void merge(Map<RollupKey, Long> delta) {
        delta.forEach((k, v) -> counts.merge(k, v, Long::sum));
    }

    /** Dropping raw events past their retention does not touch the roll-up: it is not called for that. */
    public Map<RollupKey, Long> counts() {
        return Map.copyOf(counts);
    }

    public long count(RollupKey key) {
        return counts.getOrDefault(key, 0L);
    }

    /** Counts over raw events, from scratch. */
    public static Map<RollupKey, Long> countOf(Collection<Event> events) {
        Map<RollupKey, Long> out = new HashMap<>();
        for (Event e : events) {
            out.merge(RollupKey.of(e), 1L, Long::sum);
        }
        return out;
    }
}
