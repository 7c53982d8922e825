package dev.mailroom.app.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.common.UiSettings;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.activity.ComplaintReport;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventDetails;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.MessageLogService;
import dev.mailroom.model.activity.MessageSummary;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Message log page's view model on a real H2 store and a real settings file, without a window. */
class MessageLogViewModelTest {
    /** The message table's width in a 1280-pixel window, beside the navigation. */
    private static final double AT_1280 = 1025;

    @TempDir
    Path dir;

    private Store store;
    private Services s;
    private Actor owner;
    private Tenant acme;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
    private final SynchronousRunner runner = BackgroundRunner.synchronous();

    @BeforeEach
    void open() {
        store = Store.open(StoreConfig.h2(dir.resolve("store")));
        s = Services.create(store, clock);
        char[] pw = "owner-password".toCharArray();
        owner = s.firstRun()
                .setUp(new AgencySetup("Brightwave", "Ana Owner", "ana@brightwave.example", pw, pw))
                .actor();
        acme = s.tenants()
                .create(
                        owner,
                        new TenantDraft(
                                "Acme",
                                "#2563EB",
                                "",
                                "",
                                OwnershipModel.AGENCY_OWNED,
                                PartnerAccessPattern.AGENCY_MANAGED));
        // 120 messages sent yesterday; the last one bounced.
        List<Event> events = new ArrayList<>();
        Instant at = Instant.parse("2026-11-01T08:00:00Z");
        for (int i = 0; i < 120; i++) {
            events.add(new Event(
                    acme.id(),
                    "acme.example",
                    at.plusSeconds(i),
                    "r" + i + "@example.org",
                    Optional.of("<m" + i + "@acme.example>"),
                    EventType.SENT,
                    EventDetails.NONE));
        }
        events.add(new Event(
                acme.id(),
                "acme.example",
                at.plusSeconds(600),
                "r119@example.org",
                Optional.of("<m119@acme.example>"),
                EventType.HARD_BOUNCE,
                EventDetails.NONE));
        store.transactions().run(() -> s.events().append(events));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private MessageLogViewModel vm(UiSettings settings) {
        return new MessageLogViewModel(s.messageLog(), runner, owner, clock, ZoneOffset.UTC, settings);
    }

    @Test
    void searchesAPageAtATimeAndShowsTheSelectedMessagesTimeline() {
        MessageLogViewModel vm = vm(UiSettings.load(dir));
        vm.tenant().set(acme.id());
        assertThat(vm.rows()).hasSize(MessageLogService.PAGE);
        assertThat(vm.more().get()).isTrue();
        assertThat(vm.shown().get()).isEqualTo("100 messages shown; more match.");
        vm.loadMore();
        assertThat(vm.rows()).hasSize(120);
        assertThat(vm.more().get()).isFalse();

        vm.status().set(Optional.of(EventType.HARD_BOUNCE));
        vm.search();
        assertThat(vm.rows()).extracting(MessageSummary::recipient).containsExactly("r119@example.org");
        vm.selected().set(vm.rows().get(0));
        assertThat(vm.events()).extracting(Event::type).containsExactly(EventType.SENT, EventType.HARD_BOUNCE);
        assertThat(vm.timelineTitle().get()).contains("<m119@acme.example>").contains("r119@example.org");

        vm.search(); // a new search clears the timeline
        assertThat(vm.selected().get()).isNull();
        assertThat(vm.events()).isEmpty();
        assertThat(runner.reported()).isEmpty();
    }

    private static ComplaintReport report(String type, String ip, String domain, String auth) {
        return new ComplaintReport(
                type,
                Optional.of("SomeGenerator/1.0"),
                Optional.of("1"),
                Optional.of(ip),
                Optional.of("Sun, 1 Nov 2026 10:00:00 +0000"),
                Optional.of(Instant.parse("2026-11-01T10:00:00Z")),
                List.of(domain),
                List.of(),
                auth.isEmpty() ? List.of() : List.of(auth),
                Optional.of("<bounce@acme.example>"),
                List.of("<r5@example.org>"),
                Optional.empty(),
                Optional.empty(),
                OptionalInt.empty());
    }

    private Event complaint(TenantId t, ComplaintReport r) {
        return new Event(
                t,
                "acme.example",
                Instant.parse("2026-11-01T10:05:00Z"),
                "r5@example.org",
                Optional.of("<m5@acme.example>"),
                EventType.COMPLAINED,
                new EventDetails(
                        OptionalInt.empty(), Optional.empty(), "Feedback-Type: " + r.feedbackType(), Optional.of(r)));
    }

    @Test
    void aComplaintsDetailListsItsFeedbackReportFieldsInItsTenantOnly() {
        Tenant globex = s.tenants()
                .create(
                        owner,
                        new TenantDraft(
                                "Globex",
                                "#16A34A",
                                "",
                                "",
                                OwnershipModel.AGENCY_OWNED,
                                PartnerAccessPattern.AGENCY_MANAGED));
        String acmeAuth = "mx.isp.example; spf=pass smtp.mailfrom=bounce@acme.example; dkim=pass header.d=acme.example";
        store.transactions()
                .run(() -> s.events()
                        .append(List.of(
                                complaint(acme.id(), report("abuse", "192.0.2.1", "acme.example", acmeAuth)),
                                new Event(
                                        globex.id(),
                                        "acme.example",
                                        Instant.parse("2026-11-01T09:00:00Z"),
                                        "r5@example.org",
                                        Optional.of("<m5@acme.example>"),
                                        EventType.SENT,
                                        EventDetails.NONE),
                                complaint(globex.id(), report("fraud", "198.51.100.9", "globex.example", "")))));

        MessageLogViewModel vm = vm(UiSettings.load(dir));
        vm.tenant().set(acme.id());
        vm.status().set(Optional.of(EventType.COMPLAINED));
        vm.search();
        assertThat(vm.rows()).extracting(MessageSummary::recipient).containsExactly("r5@example.org");
        vm.selected().set(vm.rows().get(0));
        assertThat(vm.events()).extracting(Event::type).containsExactly(EventType.SENT, EventType.COMPLAINED);
        // The complaint opens by itself: its report is what a person came for.
        assertThat(vm.selectedEvent().get().type()).isEqualTo(EventType.COMPLAINED);
        assertThat(vm.detailTitle().get()).isEqualTo("Complained — the feedback report's fields");
        assertThat(vm.detail())
                .extracting(r -> r.label() + ": " + r.value())
                .contains(
                        "Feedback type: abuse",
                        "User agent: SomeGenerator/1.0",
                        "Source IP: 192.0.2.1",
                        "Reported domain: acme.example",
                        "Authentication results: " + acmeAuth,
                        "Original mail from: <bounce@acme.example>",
                        "Original recipient: <r5@example.org>",
                        "Report version: 1");
        assertThat(vm.detail())
                .filteredOn(r -> r.label().equals("Arrival date"))
                .singleElement()
                .satisfies(r -> assertThat(r.value()).contains("2026").contains("(Sun, 1 Nov 2026 10:00:00 +0000)"));

        // The sent event's detail has no report fields.
        vm.selectedEvent().set(vm.events().get(0));
        assertThat(vm.detail()).extracting(EventDetailRows.Row::label).containsExactly("When", "Recipient");

        // Another tenant's complaint about the same Message-ID shows its own report, never Acme's.
        vm.tenant().set(globex.id());
        vm.status().set(Optional.of(EventType.COMPLAINED));
        vm.search();
        vm.selected().set(vm.rows().get(0));
        assertThat(vm.detail())
                .extracting(r -> r.label() + ": " + r.value())
                .contains("Feedback type: fraud", "Source IP: 198.51.100.9", "Reported domain: globex.example")
                .noneMatch(line -> line.contains("192.0.2.1") || line.contains("acme.example;"));
        // A field the report left out is said to be absent, not left blank.
        assertThat(vm.detail())
                .filteredOn(r -> r.label().equals("Authentication results"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.value()).isEqualTo(EventDetailRows.ABSENT);
                    assertThat(r.absent()).isTrue();
                });
        assertThat(runner.reported()).isEmpty();
    }

    @Test
    void aPeriodEndingBeforeItStartsIsSaidAndNotSearched() {
        MessageLogViewModel vm = vm(UiSettings.load(dir));
        vm.tenant().set(acme.id());
        vm.from().set(vm.today());
        vm.to().set(vm.today().minusDays(3));
        vm.rows().clear();
        vm.search();
        assertThat(vm.shown().get()).isEqualTo("The period ends before it starts.");
        assertThat(vm.rows()).isEmpty();
    }

    @Test
    void aFailedSearchGoesToTheDefaultErrorPathAndStopsBeingBusy() {
        MessageLogViewModel vm = vm(UiSettings.load(dir));
        store.close();
        vm.tenant().set(acme.id());
        assertThat(runner.reported())
                .singleElement()
                .satisfies(r -> assertThat(r).startsWith("Searching the message log did not finish"));
        assertThat(vm.busy().get()).isFalse();
        store = Store.open(StoreConfig.h2(dir.resolve("store")));
    }

    @Test
    void theDefaultColumnsFitAt1280AndAPickIsKeptForThePerson() throws Exception {
        MessageLogViewModel vm = vm(UiSettings.load(dir));
        vm.columns().fitTo(AT_1280);
        assertThat(vm.columns().shown()).containsExactly("sent", "recipient", "subject", "status", "message-id");
        double used = MessageLogViewModel.COLUMNS.stream()
                .filter(c -> vm.columns().shown().contains(c.id()))
                .mapToDouble(c -> c.width())
                .sum();
        assertThat(used).isLessThanOrEqualTo(AT_1280);

        vm.columns().visible("domain").set(true);
        vm.columns().visible("message-id").set(false);
        assertThat(Files.readString(dir.resolve("ui.properties")))
                .contains("columns.message-log.user." + owner.userId().value());

        MessageLogViewModel again = vm(UiSettings.load(dir));
        again.columns().fitTo(1800);
        assertThat(again.columns().shown()).contains("domain").doesNotContain("message-id", "latest");
    }
}
