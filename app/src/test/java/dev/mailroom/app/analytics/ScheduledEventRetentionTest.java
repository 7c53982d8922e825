package dev.mailroom.app.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.RetentionRun;
import dev.mailroom.model.activity.RollupKey;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.activity.JooqEventStore;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daily job drops raw events past the setting through the use case; the roll-ups keep every count. */
class ScheduledEventRetentionTest {
    @TempDir
    Path dir;

    @Test
    void aRunDropsRawEventsPastTheRetentionAndKeepsTheRollups() {
        Instant now = Instant.parse("2026-11-02T12:00:00Z");
        MutableClock clock = new MutableClock(now);
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            Services s = Services.create(store, clock);
            char[] pw = "owner-password".toCharArray();
            Actor owner = s.firstRun()
                    .setUp(new AgencySetup("Agency", "Ana", "ana@agency.example", pw, pw))
                    .actor();
            Tenant acme = s.tenants()
                    .create(
                            owner,
                            new TenantDraft(
                                    "Acme",
                                    "#2563EB",
                                    "",
                                    "",
                                    OwnershipModel.AGENCY_OWNED,
                                    PartnerAccessPattern.AGENCY_MANAGED));
            List<Event> events = new ArrayList<>();
            for (int d = 0; d < 60; d++) {
                events.add(Event.of(
                        acme.id(),
                        "tryacme.com",
                        now.minus(Duration.ofDays(d)),
                        "r" + d + "@example.net",
                        EventType.SENT));
            }
            store.transactions().run(() -> s.events().append(events));
            s.retention().setRetentionDays(owner, 40);
            JooqEventStore raw = new JooqEventStore(store.transactions());
            LocalDate from = LocalDate.of(2026, 1, 1);
            LocalDate to = LocalDate.of(2026, 12, 31);
            Map<RollupKey, Long> rollupsBefore = store.transactions()
                    .inTransaction(() -> s.events().dailyCounts(acme.id(), Optional.empty(), from, to));

            List<RetentionRun> runs = new ArrayList<>();
            new ScheduledEventRetention(
                            s.retention(), owner, BackgroundRunner.synchronous(), Duration.ofDays(1), runs::add)
                    .runNow();

            // Sep 23 is 40 days before Nov 2: the 19 days before it go, 41 stay.
            assertThat(runs).singleElement().satisfies(r -> {
                assertThat(r.dropped()).isEqualTo(19);
                assertThat(r.cutoff()).isEqualTo(LocalDate.of(2026, 9, 23));
            });
            Map<RollupKey, Long> rawLeft = store.transactions().inTransaction(() -> raw.countRaw(acme.id()));
            assertThat(rawLeft)
                    .hasSize(41)
                    .allSatisfy((k, n) -> assertThat(k.day()).isAfterOrEqualTo(LocalDate.of(2026, 9, 23)));
            assertThat(store.transactions()
                            .inTransaction(() -> s.events().dailyCounts(acme.id(), Optional.empty(), from, to)))
                    .isEqualTo(rollupsBefore)
                    .hasSize(60);
        }
    }
}
