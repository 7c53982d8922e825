package dev.mailroom.app.demo;

import static dev.mailroom.persistence.jooq.Tables.EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.Progress;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.tenants.Tenant;
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

/**
 * Making the demo store says what it is doing, step by step and day by day, and ends at 100%; and the store it
 * makes tells one story: its bounced and complaining recipients are suppressed, each client can send.
 */
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
            var owner = DemoData.seedIfNew(s, recording).orElseThrow();
            theStoryHolds(s, owner.actor());
        }
        assertThat(done).isSortedAccordingTo(Long::compare);
        assertThat(done.get(done.size() - 1)).isEqualTo(DemoData.STEPS);
        assertThat(messages)
                .contains("Making the demo: sending domains and their DKIM keys…")
                .anyMatch(m -> m.startsWith("Making the demo: sample events, day 1 of 90 ("))
                .anyMatch(m -> m.startsWith("Making the demo: sample events, day 90 of 90 ("));
    }

    /**
     * Every recipient with a hard bounce or a complaint in a client's message log is on its suppression list
     * for that domain, as the outbox and incoming reports would have put them; each client has the demo relay
     * as a connection, and it passes Test connection.
     */
    private static void theStoryHolds(Services s, Actor owner) {
        var tx = s.store().transactions();
        int suppressedSeen = 0;
        for (Tenant t : s.tenants().list(owner)) {
            record Sent(String domain, String recipient) {}
            List<Sent> bad = tx.inTransaction(() -> tx.dsl()
                    .selectDistinct(EVENT.DOMAIN_NAME, EVENT.RECIPIENT)
                    .from(EVENT)
                    .where(EVENT.TENANT_ID.eq(t.id().value()))
                    .and(EVENT.EVENT_TYPE.in(EventType.HARD_BOUNCE.name(), EventType.COMPLAINED.name()))
                    .fetch(r -> new Sent(r.value1(), r.value2())));
            assertThat(bad).as(t.name() + " has hard bounces or complaints").isNotEmpty();
            for (Sent b : bad) {
                assertThat(s.suppressions().isSuppressed(t.id(), b.domain(), b.recipient()))
                        .as(b.recipient() + " of " + t.name() + " via " + b.domain())
                        .isTrue();
                suppressedSeen++;
            }
            var relay = s.connections().list(owner, t.id()).stream()
                    .filter(c -> c.name().equals(DemoData.RELAY_CONNECTION))
                    .findFirst();
            assertThat(relay).as(t.name() + "'s connection").isPresent();
            assertThat(s.connections().test(owner, t.id(), relay.get().id()).ok())
                    .as(t.name() + "'s demo relay passes Test connection")
                    .isTrue();
        }
        assertThat(suppressedSeen).isGreaterThan(100);
    }
}
