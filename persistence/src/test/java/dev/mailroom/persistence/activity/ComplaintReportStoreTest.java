package dev.mailroom.persistence.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.activity.ComplaintReport;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventDetails;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A complaint's RFC 5965 fields are stored with its event, read back in its tenant only, and kept over a restart. */
class ComplaintReportStoreTest {
    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00Z");
    private static final String ID = "<c1@mail.tryacme.com>";

    @TempDir
    Path dir;

    static final ComplaintReport FULL = new ComplaintReport(
            "abuse",
            Optional.of("SomeGenerator/1.0"),
            Optional.of("1"),
            Optional.of("192.0.2.1"),
            Optional.of("Thu, 8 Mar 2005 14:00:00 EDT"),
            Optional.of(Instant.parse("2005-03-08T18:00:00Z")),
            List.of("example.net", "tryacme.com"),
            List.of("http://example.net/earn_money.html", "mailto:user@example.com"),
            List.of("mail.example.com; spf=fail smtp.mail=somespammer@example.com"),
            Optional.of("<bounce@mail.tryacme.com>"),
            List.of("<user@example.com>"),
            Optional.of("env-42"),
            Optional.of("dns; mail.example.com"),
            OptionalInt.of(3));

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

    private static List<Event> complained(TenantId t, ComplaintReport report) {
        return List.of(
                new Event(
                        t,
                        "mail.tryacme.com",
                        T0,
                        "user@example.com",
                        Optional.of(ID),
                        EventType.SENT,
                        EventDetails.NONE),
                new Event(
                        t,
                        "mail.tryacme.com",
                        T0.plusSeconds(3600),
                        "user@example.com",
                        Optional.of(ID),
                        EventType.COMPLAINED,
                        new EventDetails(
                                OptionalInt.empty(), Optional.empty(), "Feedback-Type: abuse", Optional.of(report))));
    }

    private static List<Event> timeline(Store store, TenantId t) {
        JooqMessageLogStore log = new JooqMessageLogStore(store.transactions());
        return store.transactions().inTransaction(() -> log.timeline(t, ID, 100));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aComplaintsFieldsComeBackWithItsEventInItsTenantOnly(Backend backend) {
        try (Store store = backend.open(dir)) {
            TenantId acme = tenant(store, "Acme");
            TenantId globex = tenant(store, "Globex");
            JooqEventStore events = new JooqEventStore(store.transactions());
            ComplaintReport globexReport = new ComplaintReport(
                    "fraud",
                    Optional.of("Other/2"),
                    Optional.of("1"),
                    Optional.of("198.51.100.7"),
                    Optional.empty(),
                    Optional.empty(),
                    List.of("globex.example"),
                    List.of(),
                    List.of(),
                    Optional.empty(),
                    List.of(),
                    Optional.empty(),
                    Optional.empty(),
                    OptionalInt.empty());
            // Same Message-ID in both tenants, in one batch with plain events around it.
            store.transactions().run(() -> events.append(complained(acme, FULL)));
            store.transactions().run(() -> events.append(complained(globex, globexReport)));

            List<Event> acmes = timeline(store, acme);
            assertThat(acmes).extracting(Event::type).containsExactly(EventType.SENT, EventType.COMPLAINED);
            assertThat(acmes.get(0).details().complaint()).isEmpty();
            assertThat(acmes.get(1).details().complaint()).contains(FULL);
            assertThat(acmes.get(1).details().diagnostic()).isEqualTo("Feedback-Type: abuse");

            List<Event> globexs = timeline(store, globex);
            assertThat(globexs.get(1).details().complaint()).contains(globexReport);
            assertThat(globexs.get(1).details().complaint().orElseThrow().sourceIp())
                    .contains("198.51.100.7");

            // The roll-up counts the complaint as any other event.
            assertThat(events
                            .dailyCounts(
                                    acme,
                                    Optional.empty(),
                                    T0.atZone(java.time.ZoneOffset.UTC).toLocalDate(),
                                    T0.atZone(java.time.ZoneOffset.UTC).toLocalDate())
                            .values()
                            .stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isEqualTo(2);
        }
    }

    @Test
    void theFieldsSurviveARestartAndGoWithTheirEvent() {
        TenantId acme;
        try (Store store = Backend.H2.open(dir)) {
            acme = tenant(store, "Acme");
            JooqEventStore events = new JooqEventStore(store.transactions());
            store.transactions().run(() -> events.append(complained(acme, FULL)));
        }
        try (Store store = Backend.H2.open(dir)) {
            assertThat(timeline(store, acme).get(1).details().complaint()).contains(FULL);
            JooqEventRetentionStore retention = new JooqEventRetentionStore(store.transactions());
            int deleted = store.transactions()
                    .inTransaction(() -> retention.deleteRawBefore(acme, T0.plusSeconds(86_400), 100));
            assertThat(deleted).isEqualTo(2);
            long left = store.transactions()
                    .inTransaction(() -> store.transactions()
                            .dsl()
                            .fetchCount(dev.mailroom.persistence.jooq.Tables.COMPLAINT_REPORT));
            assertThat(left).isZero();
        }
    }
}
