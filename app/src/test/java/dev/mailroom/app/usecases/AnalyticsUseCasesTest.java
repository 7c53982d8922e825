package dev.mailroom.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.access.UserAccount;
import dev.mailroom.model.access.UserDraft;
import dev.mailroom.model.activity.AnalyticsReport;
import dev.mailroom.model.activity.CountedName;
import dev.mailroom.model.activity.EnhancedStatus;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventDetails;
import dev.mailroom.model.activity.EventRetentionService;
import dev.mailroom.model.activity.EventTotals;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.HealthFlag;
import dev.mailroom.model.activity.Period;
import dev.mailroom.model.activity.RetentionRun;
import dev.mailroom.model.activity.RollupKey;
import dev.mailroom.model.activity.TenantActivity;
import dev.mailroom.model.activity.TenantHealth;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.audit.AuditQuery;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.activity.JooqEventRetentionStore;
import dev.mailroom.persistence.activity.JooqEventStore;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Analytics and the overview's health against a real store, on H2 and PostgreSQL, tenant isolation included. */
class AnalyticsUseCasesTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 2);

    @TempDir
    Path dir;

    private Store store;
    private Services s;
    private final MutableClock clock = new MutableClock(TODAY.atTime(15, 0).toInstant(ZoneOffset.UTC));
    private Actor owner;
    private Tenant acme;
    private Tenant bolt;
    private Tenant quiet;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private void open(Backend backend) {
        store = backend.open(dir);
        s = Services.create(store, clock);
        char[] pw = "owner-password".toCharArray();
        owner = s.firstRun()
                .setUp(new AgencySetup("Brightwave", "Ana Owner", "ana@brightwave.example", pw, pw))
                .actor();
        acme = s.tenants().create(owner, draft("Acme"));
        bolt = s.tenants().create(owner, draft("Bolt"));
        quiet = s.tenants().create(owner, draft("Quiet"));
        // Acme, 10 days of 100 sent a day: 8 hard bounces, 1 soft, 91 delivered, 1 complaint a day.
        List<Event> events = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            LocalDate day = TODAY.minusDays(d);
            add(events, acme.id(), "tryacme.com", day, EventType.SENT, 100, "user");
            add(events, acme.id(), "tryacme.com", day, EventType.DELIVERED, 91, "user");
            add(events, acme.id(), "tryacme.com", day, EventType.HARD_BOUNCE, 8, "gone");
            add(events, acme.id(), "news.tryacme.com", day, EventType.SOFT_BOUNCE, 1, "full");
            add(events, acme.id(), "tryacme.com", day, EventType.COMPLAINED, 1, "user");
            add(events, acme.id(), "tryacme.com", day, EventType.OPENED, 40, "user");
        }
        // Bolt: 20 a day for a week, then 300 today.
        for (int d = 1; d <= 7; d++) {
            add(events, bolt.id(), "bolt.example", TODAY.minusDays(d), EventType.SENT, 20, "user");
            add(events, bolt.id(), "bolt.example", TODAY.minusDays(d), EventType.DELIVERED, 20, "user");
        }
        add(events, bolt.id(), "bolt.example", TODAY, EventType.SENT, 300, "user");
        store.transactions().run(() -> s.events().append(events));
    }

    private static void add(
            List<Event> out, TenantId t, String domain, LocalDate day, EventType type, int n, String who) {
        for (int i = 0; i < n; i++) {
            String recipient = who + i + (i % 2 == 0 ? "@yahoo.example" : "@gmail.example");
            EventDetails details = type == EventType.HARD_BOUNCE
                    ? new EventDetails(OptionalInt.of(550), Optional.of(EnhancedStatus.of("5.1.1")), "no such user")
                    : EventDetails.NONE;
            out.add(new Event(
                    t,
                    domain,
                    day.atTime(9, 0).toInstant(ZoneOffset.UTC).plusSeconds(i),
                    recipient,
                    Optional.empty(),
                    type,
                    details));
        }
    }

    private static TenantDraft draft(String name) {
        return new TenantDraft(
                name, "#2563EB", "", "", OwnershipModel.AGENCY_OWNED, PartnerAccessPattern.AGENCY_MANAGED);
    }

    private Actor client(Tenant home, String name, Role role) {
        UserAccount u = s.users()
                .create(
                        owner,
                        new UserDraft(
                                name,
                                name.toLowerCase() + "@client.example",
                                StaffKind.CLIENT,
                                Optional.of(home.id()),
                                "first-password".toCharArray()));
        s.users().setRoles(owner, u.user().id(), home.id(), Set.of(role));
        return Actor.of(new Principal(u.user().id(), name));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void reportCountsEveryDayWithRatesAndBouncingDomains(Backend backend) {
        open(backend);
        AnalyticsReport r = s.analytics().report(owner, acme.id(), Optional.empty(), Period.lastDays(30, TODAY));
        assertThat(r.byDay()).hasSize(30);
        assertThat(r.byDay().keySet()).first().isEqualTo(TODAY.minusDays(29));
        assertThat(r.byDay().get(TODAY.minusDays(20))).isEqualTo(EventTotals.NONE);
        assertThat(r.byDay().get(TODAY).sent()).isEqualTo(100);
        assertThat(r.totals().sent()).isEqualTo(1000);
        assertThat(r.totals().bounced()).isEqualTo(90);
        assertThat(r.totals().bounceRate().getAsDouble()).isCloseTo(0.09, Offset.offset(1e-9));
        assertThat(r.totals().deliveryRate().getAsDouble()).isCloseTo(0.91, Offset.offset(1e-9));
        assertThat(r.totals().complaintRate().getAsDouble()).isCloseTo(10 / 910.0, Offset.offset(1e-9));
        assertThat(r.totals().openRate().getAsDouble()).isCloseTo(400 / 910.0, Offset.offset(1e-9));
        assertThat(r.topBouncingDomains())
                .containsExactly(new CountedName("yahoo.example", 50), new CountedName("gmail.example", 40));
        assertThat(r.domains()).containsExactly("news.tryacme.com", "tryacme.com");

        AnalyticsReport news =
                s.analytics().report(owner, acme.id(), Optional.of("News.TryAcme.com"), Period.lastDays(7, TODAY));
        assertThat(news.totals().counts()).containsExactly(Map.entry(EventType.SOFT_BOUNCE, 7L));
        assertThat(news.totals().bounceRate()).isEmpty();

        assertThatThrownBy(() -> new Period(TODAY, TODAY.minusDays(1))).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Period.lastDays(500, TODAY)).isInstanceOf(InvalidInput.class);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void overviewFlagsTroubleAndSpikes(Backend backend) {
        open(backend);
        Map<TenantId, TenantHealth> health = s.analytics().overview(owner);
        assertThat(health).containsOnlyKeys(acme.id(), bolt.id());
        assertThat(health.get(acme.id()).flags())
                .containsExactlyInAnyOrder(HealthFlag.HIGH_BOUNCE_RATE, HealthFlag.HIGH_COMPLAINT_RATE);
        assertThat(health.get(acme.id()).volume30Days()).isEqualTo(1000);
        assertThat(health.get(bolt.id()).flags()).containsExactly(HealthFlag.VOLUME_SPIKE);
        assertThat(health.get(bolt.id()).volume30Days()).isEqualTo(440);
        assertThat(TenantHealth.of(quiet.id(), TenantActivity.NONE).flags()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void nobodySeesNumbersOfATenantWhereTheyHoldNoAnalyticsRole(Backend backend) {
        open(backend);
        Actor kim = client(acme, "Kim", Role.ANALYTICS);
        Actor dan = client(bolt, "Dan", Role.DESIGNER);

        assertThat(s.analytics().overview(kim)).containsOnlyKeys(acme.id());
        assertThat(s.analytics()
                        .report(kim, acme.id(), Optional.empty(), Period.lastDays(7, TODAY))
                        .totals()
                        .sent())
                .isEqualTo(700);
        assertThatThrownBy(() -> s.analytics().report(kim, bolt.id(), Optional.empty(), Period.lastDays(7, TODAY)))
                .isInstanceOf(NotFound.class);

        // A role without analytics in the tenant: no numbers, neither in the report nor the overview.
        assertThat(s.analytics().overview(dan)).isEmpty();
        assertThatThrownBy(() -> s.analytics().report(dan, bolt.id(), Optional.empty(), Period.lastDays(7, TODAY)))
                .isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(() -> s.analytics().report(dan, acme.id(), Optional.empty(), Period.lastDays(7, TODAY)))
                .isInstanceOf(NotFound.class);
    }
    /**
     * Retention drops raw events from before the cutoff, in chunks, only in tenants the person may
     * edit; the analytics, read from the roll-ups, are the same afterwards.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void retentionDropsOldRawEventsWhileAnalyticsStayTheSame(Backend backend) {
        open(backend);
        // 27 days on, 31 days' retention keeps raw events from TODAY - 4: Acme loses 5 of its 10 days, Bolt 3 of 8.
        clock.advance(Duration.ofDays(27));
        Period period = new Period(TODAY.minusDays(29), TODAY);
        AnalyticsReport acmeBefore = s.analytics().report(owner, acme.id(), Optional.empty(), period);
        AnalyticsReport boltBefore = s.analytics().report(owner, bolt.id(), Optional.empty(), period);
        Map<TenantId, TenantHealth> overviewBefore = s.analytics().overview(owner);
        JooqEventStore raw = new JooqEventStore(store.transactions());
        assertThat(rawDays(raw, acme)).contains(TODAY.minusDays(9));

        Actor kim = client(acme, "Kim", Role.ANALYTICS);
        assertThatThrownBy(() -> s.retention().setRetentionDays(kim, 31)).isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(() -> s.retention().setRetentionDays(owner, 7)).isInstanceOf(InvalidInput.class);
        assertThat(s.retention().retentionDays()).isEqualTo(EventRetentionService.DEFAULT_DAYS);
        assertThat(s.retention()
                        .dropExpired(owner, (d, t, n) -> {}, () -> false)
                        .dropped())
                .isZero();
        s.retention().setRetentionDays(owner, 31);
        assertThat(s.retention().retentionDays()).isEqualTo(31);

        // Kim may read Acme's numbers but not edit the tenant: nothing of Acme's goes.
        assertThat(s.retention().dropExpired(kim, (d, t, n) -> {}, () -> false).dropped())
                .isZero();
        assertThat(rawDays(raw, acme)).contains(TODAY.minusDays(9));

        // Chunks of 70 rows: Acme's 5 old days are 1,205 rows, so many chunks.
        EventRetentionService chunked = new EventRetentionService(
                new JooqEventRetentionStore(store.transactions()),
                new JooqTenantStore(store.transactions()),
                s.access(),
                s.audit(),
                store.transactions(),
                clock,
                70);
        List<Integer> progress = new ArrayList<>();
        RetentionRun run = chunked.dropExpired(owner, (done, total, name) -> progress.add(done), () -> false);
        assertThat(run.cutoff()).isEqualTo(TODAY.minusDays(4));
        assertThat(run.dropped()).isEqualTo(5 * 241 + 3 * 40);
        assertThat(run.cancelled()).isFalse();
        assertThat(progress).endsWith(3);

        assertThat(rawDays(raw, acme))
                .containsExactly(TODAY.minusDays(4), TODAY.minusDays(3), TODAY.minusDays(2), TODAY.minusDays(1), TODAY);
        assertThat(rawDays(raw, bolt)).allSatisfy(d -> assertThat(d).isAfterOrEqualTo(TODAY.minusDays(4)));
        assertThat(s.analytics().report(owner, acme.id(), Optional.empty(), period))
                .isEqualTo(acmeBefore);
        assertThat(s.analytics().report(owner, bolt.id(), Optional.empty(), period))
                .isEqualTo(boltBefore);
        assertThat(s.analytics().overview(owner)).isEqualTo(overviewBefore);

        List<AuditEntry> audit = s.auditLog().search(owner, AuditQuery.latest(20));
        assertThat(audit)
                .filteredOn(e -> e.action().equals("events.retention.dropped"))
                .extracting(AuditEntry::tenant)
                .containsExactlyInAnyOrder(Optional.of(acme.id()), Optional.of(bolt.id()));
        assertThat(audit)
                .filteredOn(e -> e.action().equals("events.retention.changed"))
                .hasSize(1);
        // A second run finds nothing more to drop.
        assertThat(chunked.dropExpired(owner, (d, t, n) -> {}, () -> false).dropped())
                .isZero();
    }

    private java.util.SortedSet<LocalDate> rawDays(JooqEventStore raw, Tenant t) {
        return store.transactions().inTransaction(() -> raw.countRaw(t.id())).keySet().stream()
                .map(RollupKey::day)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
}
