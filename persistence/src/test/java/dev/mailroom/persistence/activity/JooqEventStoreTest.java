package dev.mailroom.persistence.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.activity.EnhancedStatus;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventDetails;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.RollupKey;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.suppressions.Suppression;
import dev.mailroom.model.suppressions.SuppressionReason;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.suppressions.JooqSuppressionStore;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JooqEventStoreTest {
    @TempDir
    Path dir;

    private static final Instant T0 = Instant.parse("2026-04-01T22:00:00Z");

    private static TenantId tenant(Store store, String name) {
        JooqTenantStore tenants = new JooqTenantStore(store.transactions());
        return store.transactions()
                .inTransaction(() -> tenants.insert(
                        new TenantDraft(
                                name,
                                "#3366CC",
                                "Jo Smith",
                                "jo@example.com",
                                OwnershipModel.CLIENT_OWNED,
                                PartnerAccessPattern.AGENCY_MANAGED),
                        T0));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void rollUpsStayEqualToRawCountsWhateverTheBatches(Backend backend) {
        try (Store store = backend.open(dir)) {
            TenantId acme = tenant(store, "Acme");
            TenantId globex = tenant(store, "Globex");
            JooqEventStore events = new JooqEventStore(store.transactions());
            Random random = new Random(42);
            List<Event> all = new ArrayList<>();
            EventType[] types = EventType.values();
            for (int i = 0; i < 2000; i++) {
                TenantId t = random.nextInt(4) == 0 ? globex : acme;
                String domain = random.nextBoolean() ? "tryacme.com" : "News.TryAcme.com";
                Instant at = T0.plusSeconds(random.nextInt(4 * 86_400));
                all.add(new Event(
                        t,
                        domain,
                        at,
                        "r" + random.nextInt(50) + "@example.net",
                        Optional.of("<m" + i + "@x>"),
                        types[random.nextInt(types.length)],
                        new EventDetails(
                                OptionalInt.of(550), Optional.of(EnhancedStatus.of("5.1.1")), "550 5.1.1 no")));
            }
            Collections.shuffle(all, random);
            for (int i = 0; i < all.size(); ) {
                int n = 1 + random.nextInt(300);
                List<Event> batch = all.subList(i, Math.min(all.size(), i + n));
                store.transactions().run(() -> events.append(batch));
                i += n;
            }
            for (TenantId t : List.of(acme, globex)) {
                Map<RollupKey, Long> rolled = store.transactions()
                        .inTransaction(() -> events.dailyCounts(
                                t, Optional.empty(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
                assertThat(rolled).isEqualTo(store.transactions().inTransaction(() -> events.countRaw(t)));
                assertThat(rolled.keySet())
                        .allSatisfy(k -> assertThat(k.tenant()).isEqualTo(t));
            }
            Map<RollupKey, Long> oneDomain = store.transactions()
                    .inTransaction(() -> events.dailyCounts(
                            acme, Optional.of("news.tryacme.com"), LocalDate.of(2026, 4, 2), LocalDate.of(2026, 4, 2)));
            assertThat(oneDomain).isNotEmpty().allSatisfy((k, v) -> {
                assertThat(k.domain()).isEqualTo("news.tryacme.com");
                assertThat(k.day()).isEqualTo(LocalDate.of(2026, 4, 2));
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void softBouncesReportsAndSuppressions(Backend backend) {
        try (Store store = backend.open(dir)) {
            TenantId acme = tenant(store, "Acme");
            JooqEventStore events = new JooqEventStore(store.transactions());
            JooqSuppressionStore suppressions = new JooqSuppressionStore(store.transactions());
            store.transactions()
                    .run(() -> events.append(List.of(
                            Event.of(acme, "tryacme.com", T0, "Ann@Example.net", EventType.SOFT_BOUNCE),
                            Event.of(
                                    acme,
                                    "tryacme.com",
                                    T0.plus(Duration.ofDays(1)),
                                    "ann@example.net",
                                    EventType.SOFT_BOUNCE),
                            Event.of(
                                    acme,
                                    "tryacme.com",
                                    T0.plus(Duration.ofDays(1)),
                                    "ann@example.net",
                                    EventType.HARD_BOUNCE),
                            Event.of(acme, "other.com", T0, "ann@example.net", EventType.SOFT_BOUNCE))));
            assertThat(store.transactions()
                            .inTransaction(() -> events.softBounceTimes(
                                    acme,
                                    "tryacme.com",
                                    "ANN@example.net",
                                    T0.minus(Duration.ofDays(30)),
                                    T0.plus(Duration.ofDays(2)))))
                    .containsExactly(T0, T0.plus(Duration.ofDays(1)));

            assertThat(store.transactions().inTransaction(() -> events.markReportProcessed("<r1@mx>", T0)))
                    .isTrue();
            assertThat(store.transactions().inTransaction(() -> events.markReportProcessed("<r1@mx>", T0)))
                    .isFalse();

            Suppression hold = new Suppression(
                    acme,
                    "TryAcme.com",
                    "Ann@Example.net",
                    SuppressionReason.SOFT_BOUNCE_HOLD,
                    T0,
                    Optional.of(T0.plus(Duration.ofHours(72))),
                    "5 soft bounces");
            store.transactions().run(() -> suppressions.put(hold));
            Suppression hard = new Suppression(
                    acme,
                    "tryacme.com",
                    "ann@example.net",
                    SuppressionReason.HARD_BOUNCE,
                    T0.plusSeconds(5),
                    Optional.empty(),
                    "550 5.1.1");
            store.transactions().run(() -> suppressions.put(hard));
            assertThat(store.transactions()
                            .inTransaction(() -> suppressions.find(acme, "tryacme.com", "ANN@example.net")))
                    .contains(hard);
            assertThat(store.transactions().inTransaction(() -> suppressions.list(acme, "tryacme.com")))
                    .containsExactly(hard);
            assertThat(store.transactions().inTransaction(() -> suppressions.list(acme, "other.com")))
                    .isEmpty();
            assertThat(store.transactions()
                            .inTransaction(() -> suppressions.remove(acme, "tryacme.com", "ann@example.net")))
                    .isTrue();
            assertThat(store.transactions()
                            .inTransaction(() -> suppressions.find(acme, "tryacme.com", "ann@example.net")))
                    .isEmpty();
        }
    }
    /**
     * Several transactions at once each append the first events of a new day for the same tenant,
     * domain and type: every one creates the same roll-up rows. Each transaction stays open after its
     * append until all have begun theirs, so the others meet its uncommitted rows. All must commit, and the roll-ups
     * must count every event.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void concurrentFirstEventsOfADayAllCount(Backend backend) throws Exception {
        int threads = 6;
        int days = 5;
        try (Store store = backend.open(dir)) {
            TenantId acme = tenant(store, "Acme");
            JooqEventStore events = new JooqEventStore(store.transactions());
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                for (int d = 0; d < days; d++) {
                    Instant at = T0.plus(Duration.ofDays(d + 1));
                    CyclicBarrier start = new CyclicBarrier(threads);
                    // Counted down as each transaction begins its append; a transaction commits only once all
                    // have begun, so each meets the others' uncommitted rows (or waits on their locks).
                    CountDownLatch begun = new CountDownLatch(threads);
                    List<Future<?>> done = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        String recipient = "r" + t + "@example.net";
                        done.add(pool.submit(() -> {
                            start.await(10, TimeUnit.SECONDS);
                            store.transactions().run(() -> {
                                begun.countDown();
                                events.append(List.of(
                                        Event.of(acme, "tryacme.com", at, recipient, EventType.DEFERRED),
                                        Event.of(acme, "tryacme.com", at, recipient, EventType.SENT)));
                                holdOpenUntilAllBegan(begun);
                            });
                            return null;
                        }));
                    }
                    for (Future<?> f : done) {
                        f.get(60, TimeUnit.SECONDS);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            Map<RollupKey, Long> rolled = store.transactions()
                    .inTransaction(() -> events.dailyCounts(
                            acme, Optional.empty(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
            assertThat(rolled)
                    .hasSize(2 * days)
                    .allSatisfy((k, n) -> assertThat(n).isEqualTo((long) threads));
            assertThat(rolled).isEqualTo(store.transactions().inTransaction(() -> events.countRaw(acme)));
        }
    }

    /** Keeps a transaction open after its append until every other one has begun its own. */
    private static void holdOpenUntilAllBegan(CountDownLatch begun) {
        try {
            begun.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
