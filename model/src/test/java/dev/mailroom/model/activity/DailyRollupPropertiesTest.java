package dev.mailroom.model.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Daily roll-ups computed incrementally equal counts over the raw events, whatever the arrival order. */
class DailyRollupPropertiesTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Provide
    Arbitrary<Event> events() {
        // Few tenants, domains and days, so that keys collide often; times near midnight included.
        Arbitrary<Long> tenant = Arbitraries.longs().between(1, 3);
        Arbitrary<String> domain = Arbitraries.of("a.example", "B.example", "c.example");
        Arbitrary<Long> seconds = Arbitraries.longs()
                .between(0, 5L * 86_400 - 1)
                .edgeCases(c -> c.add(86_399L).add(86_400L));
        Arbitrary<EventType> type = Arbitraries.of(EventType.class);
        Arbitrary<String> recipient = Arbitraries.of("x@r.example", "y@r.example");
        return Combinators.combine(tenant, domain, seconds, type, recipient)
                .as((t, d, s, ty, r) -> Event.of(new TenantId(t), d, START.plusSeconds(s), r, ty));
    }

    @Property
    void oneAtATimeInAnyOrderEqualsRawCounts(
            @ForAll @Size(max = 300) List<@From("events") Event> events, @ForAll long seed) {
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(seed));
        DailyRollup rollup = new DailyRollup();
        shuffled.forEach(rollup::add);
        assertThat(rollup.counts()).isEqualTo(DailyRollup.countOf(events));
    }

    @Property
    void inBatchesOfAnySizeInAnyOrderEqualsRawCounts(
            @ForAll @Size(max = 300) List<@From("events") Event> events,
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 50) int batch) {
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(seed));
        DailyRollup rollup = new DailyRollup();
        for (int i = 0; i < shuffled.size(); i += batch) {
            rollup.addBatch(shuffled.subList(i, Math.min(shuffled.size(), i + batch)));
        }
        assertThat(rollup.counts()).isEqualTo(DailyRollup.countOf(events));
        long total =
                rollup.counts().values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isEqualTo(events.size());
    }
}
