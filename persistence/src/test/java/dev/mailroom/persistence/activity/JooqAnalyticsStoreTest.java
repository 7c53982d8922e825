package dev.mailroom.persistence.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.activity.CountedName;
import dev.mailroom.model.activity.EnhancedStatus;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventDetails;
import dev.mailroom.model.activity.EventTotals;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.Period;
import dev.mailroom.model.activity.TenantActivity;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JooqAnalyticsStoreTest {
    @TempDir
    Path dir;

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

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
                        Instant.EPOCH));
    }

    private static Instant at(LocalDate day, int second) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(second);
    }

    private static Event bounce(
            TenantId t, String domain, LocalDate day, String recipient, EventType type, String status) {
        return new Event(
                t,
                domain,
                at(day, 60),
                recipient,
                Optional.empty(),
                type,
                new EventDetails(
                        OptionalInt.of(type == EventType.HARD_BOUNCE ? 550 : 450),
                        Optional.of(EnhancedStatus.of(status)),
                        "said no"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void overviewSumsThePerTenantRollupAndKeepsToTheScope(Backend backend) {
        try (Store store = backend.open(dir)) {
            TenantId acme = tenant(store, "Acme");
            TenantId globex = tenant(store, "Globex");
            TenantId quiet = tenant(store, "Quiet");
            JooqEventStore events = new JooqEventStore(store.transactions());
            JooqAnalyticsStore analytics = new JooqAnalyticsStore(store.transactions());
            Random random = new Random(7);
            List<Event> all = new ArrayList<>();
            Map<TenantId, EnumMap<EventType, Long>> expected30 = new HashMap<>();
            Map<TenantId, long[]> expectedSent = new HashMap<>();
            EventType[] types = EventType.values();
            for (int i = 0; i < 3000; i++) {
                TenantId t = random.nextInt(3) == 0 ? globex : acme;
                LocalDate day = TODAY.minusDays(random.nextInt(40));
                EventType type = types[random.nextInt(types.length)];
                all.add(new Event(
                        t,
                        random.nextBoolean() ? "a.example" : "b.example",
                        at(day, random.nextInt(86_400)),
                        "r" + i + "@x" + random.nextInt(3) + ".example",
                        Optional.empty(),
                        type,
                        EventDetails.NONE));
                if (!day.isBefore(TODAY.minusDays(29))) {
                    expected30
                            .computeIfAbsent(t, k -> new EnumMap<>(EventType.class))
                            .merge(type, 1L, Long::sum);
                }
                if (type == EventType.SENT) {
                    long[] s = expectedSent.computeIfAbsent(t, k -> new long[2]);
                    if (day.equals(TODAY)) {
                        s[0]++;
                    } else if (!day.isBefore(TODAY.minusDays(7))) {
                        s[1]++;
                    }
                }
            }
            Collections.shuffle(all, random);
            for (int i = 0; i < all.size(); i += 250) {
                List<Event> batch = all.subList(i, Math.min(all.size(), i + 250));
                store.transactions().run(() -> events.append(batch));
            }

            Map<TenantId, TenantActivity> everyone = store.transactions()
                    .inTransaction(() -> analytics.agencyOverviewActivity(TenantScope.everything(), TODAY));
            assertThat(everyone).containsOnlyKeys(acme, globex);
            for (TenantId t : List.of(acme, globex)) {
                TenantActivity a = everyone.get(t);
                assertThat(a.last30Days()).isEqualTo(new EventTotals(expected30.get(t)));
                assertThat(a.sentToday()).isEqualTo(expectedSent.get(t)[0]);
                assertThat(a.sentPrevious7Days()).isEqualTo(expectedSent.get(t)[1]);
            }
            Map<TenantId, TenantActivity> onlyGlobex = store.transactions()
                    .inTransaction(
                            () -> analytics.agencyOverviewActivity(TenantScope.only(Set.of(globex, quiet)), TODAY));
            assertThat(onlyGlobex).containsOnlyKeys(globex);
            assertThat(store.transactions()
                            .inTransaction(
                                    () -> analytics.agencyOverviewActivity(TenantScope.only(Set.of(quiet)), TODAY)))
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void bouncingDomainsAndDeferralReasonsPerTenantDomainAndPeriod(Backend backend) {
        try (Store store = backend.open(dir)) {
            TenantId acme = tenant(store, "Acme");
            TenantId globex = tenant(store, "Globex");
            JooqEventStore events = new JooqEventStore(store.transactions());
            JooqAnalyticsStore analytics = new JooqAnalyticsStore(store.transactions());
            List<Event> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(
                        bounce(acme, "tryacme.com", TODAY, "u" + i + "@Yahoo.example", EventType.HARD_BOUNCE, "5.1.1"));
            }
            for (int i = 0; i < 3; i++) {
                batch.add(bounce(
                        acme,
                        "tryacme.com",
                        TODAY.minusDays(1),
                        "u" + i + "@gmail.example",
                        EventType.SOFT_BOUNCE,
                        "4.2.2"));
                batch.add(bounce(acme, "tryacme.com", TODAY, "u" + i + "@gmail.example", EventType.DEFERRED, "4.7.28"));
            }
            batch.add(bounce(acme, "news.tryacme.com", TODAY, "a@outlook.example", EventType.HARD_BOUNCE, "5.1.1"));
            batch.add(bounce(acme, "tryacme.com", TODAY, "b@outlook.example", EventType.DEFERRED, "4.2.2"));
            batch.add(Event.of(acme, "tryacme.com", at(TODAY, 5), "c@outlook.example", EventType.DEFERRED));
            batch.add(bounce(
                    acme, "tryacme.com", TODAY.minusDays(40), "old@aol.example", EventType.HARD_BOUNCE, "5.1.1"));
            batch.add(bounce(globex, "globex.com", TODAY, "x@hotmail.example", EventType.HARD_BOUNCE, "5.1.1"));
            store.transactions().run(() -> events.append(batch));

            Period month = Period.lastDays(30, TODAY);
            assertThat(store.transactions()
                            .inTransaction(() -> analytics.topBouncingDomains(acme, Optional.empty(), month, 10)))
                    .containsExactly(
                            new CountedName("yahoo.example", 5),
                            new CountedName("gmail.example", 3),
                            new CountedName("outlook.example", 1));
            assertThat(store.transactions()
                            .inTransaction(() -> analytics.topBouncingDomains(acme, Optional.empty(), month, 1)))
                    .containsExactly(new CountedName("yahoo.example", 5));
            assertThat(store.transactions()
                            .inTransaction(() ->
                                    analytics.topBouncingDomains(acme, Optional.of("News.TryAcme.com"), month, 10)))
                    .containsExactly(new CountedName("outlook.example", 1));
            assertThat(store.transactions()
                            .inTransaction(() -> analytics.topBouncingDomains(
                                    acme, Optional.empty(), Period.lastDays(1, TODAY), 10)))
                    .containsExactly(new CountedName("yahoo.example", 5), new CountedName("outlook.example", 1));
            assertThat(store.transactions()
                            .inTransaction(() -> analytics.deferralReasons(acme, Optional.empty(), month, 10)))
                    .containsExactly(
                            new CountedName("4.7.28", 3), new CountedName("4.2.2", 1), new CountedName("unknown", 1));
            assertThat(store.transactions()
                            .inTransaction(() -> analytics.topBouncingDomains(globex, Optional.empty(), month, 10)))
                    .containsExactly(new CountedName("hotmail.example", 1));
            // Bounces by reason (decision 0070), each tenant its own.
            assertThat(store.transactions()
                            .inTransaction(() -> analytics.bounceReasons(acme, Optional.empty(), month, 10)))
                    .containsExactly(new CountedName("user-unknown", 6), new CountedName("mailbox-full", 3));
            assertThat(store.transactions()
                            .inTransaction(() -> analytics.bounceReasons(globex, Optional.empty(), month, 10)))
                    .containsExactly(new CountedName("user-unknown", 1));
            assertThat(store.transactions().inTransaction(() -> analytics.activeDomains(acme)))
                    .containsExactly("news.tryacme.com", "tryacme.com");
        }
    }
}
