package dev.mailroom.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.Progress;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Making the demo store says what it is doing, step by step and day by day, and ends at 100%. */
@Tag("slow")
class DemoProgressTest {
    @TempDir
    Path dir;

    @Test
    void theDemoTellsWhatItIsDoingAndHowFar() {
        List<String> messages = new ArrayList<>();
        List<Long> done = new ArrayList<>();
        Progress recording = new Progress() {
            @Override
            public void update(long d, long total, String message) {
                assertThat(total).isEqualTo(DemoData.STEPS);
                done.add(d);
                messages.add(message);
            }

            @Override
            public Cancellation cancellation() {
                return new Cancellation();
            }
        };
        try (Store store = Store.open(StoreConfig.h2(dir.resolve("store")))) {
            Services s = Services.create(store, new MutableClock(Instant.parse("2026-11-02T09:00:00Z")));
            assertThat(DemoData.seedIfNew(s, recording)).isPresent();
        }
        assertThat(done).isSortedAccordingTo(Long::compare);
        assertThat(done.get(done.size() - 1)).isEqualTo(DemoData.STEPS);
        assertThat(messages)
                .contains("Making the demo: sending domains and their DKIM keys…")
                .anyMatch(m -> m.startsWith("Making the demo: sample events, day 1 of 90 ("))
                .anyMatch(m -> m.startsWith("Making the demo: sample events, day 90 of 90 ("));
    }
}
