package dev.mailroom.model.suppressions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.activity.BounceClassifier;
import dev.mailroom.model.activity.ComplaintReport;
import dev.mailroom.model.activity.DailyRollup;
import dev.mailroom.model.activity.DeliveryAction;
import dev.mailroom.model.activity.EnhancedStatus;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventStore;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.InboundReport;
import dev.mailroom.model.activity.ReportKind;
import dev.mailroom.model.activity.ReportedRecipient;
import dev.mailroom.model.activity.RollupKey;
import dev.mailroom.model.activity.SentMessage;
import dev.mailroom.model.activity.SentMessageLookup;
import dev.mailroom.model.activity.Severity;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ReportIngestServiceTest {
    static final TenantId ACME = new TenantId(1);
    static final TenantId GLOBEX = new TenantId(2);
    static final Instant NOW = Instant.parse("2026-05-10T12:00:00Z");

    final MemoryEvents events = new MemoryEvents();
    final MemorySuppressions suppressions = new MemorySuppressions();
    final List<SentMessage> sent = new ArrayList<>();
    final MutableClock clock = new MutableClock(NOW);
    final ReportIngestService service = new ReportIngestService(
            events,
            suppressions,
            new SentMessageLookup() {
                @Override
                public Optional<SentMessage> byMessageId(String id) {
                    return sent.stream().filter(m -> m.messageId().equals(id)).findFirst();
                }

                @Override
                public List<SentMessage> byRecipient(String recipient, Instant since, int limit) {
                    return sent.stream()
                            .filter(m -> m.recipient().equalsIgnoreCase(recipient)
                                    && !m.sentAt().isBefore(since))
                            .toList();
                }
            },
            new Transactions() {
                @Override
                public <T> T inTransaction(Supplier<T> work) {
                    return work.get();
                }
            },
            clock);

    static ReportedRecipient failed(String rcpt, String status) {
        EnhancedStatus s = EnhancedStatus.of(status);
        return new ReportedRecipient(
                rcpt,
                Optional.empty(),
                DeliveryAction.FAILED,
                Optional.of(s),
                false,
                OptionalInt.of(550),
                "550 " + status,
                BounceClassifier.severity(s),
                Optional.empty());
    }

    static InboundReport dsn(Optional<String> messageId, ReportedRecipient... r) {
        return new InboundReport(ReportKind.DELIVERY_STATUS, List.of(r), messageId, "test");
    }

    @Test
    void aHardBounceIsMatchedByMessageIdRecordedAndSuppressedOnce() {
        sent.add(new SentMessage(ACME, "tryacme.com", "ann@example.net", "<m1@tryacme.com>", NOW.minusSeconds(60)));
        InboundReport report = dsn(Optional.of("<m1@tryacme.com>"), failed("ann@example.net", "5.1.1"));

        ReportIngestService.Outcome first = service.ingest("<bounce-1@mx>", report);
        ReportIngestService.Outcome again = service.ingest("<bounce-1@mx>", report);

        assertThat(first.recorded()).isEqualTo(1);
        assertThat(first.suppressed()).isEqualTo(1);
        assertThat(again.alreadyProcessed()).isTrue();
        assertThat(events.all).hasSize(1);
        Event e = events.all.get(0);
        assertThat(e.type()).isEqualTo(EventType.HARD_BOUNCE);
        assertThat(e.tenant()).isEqualTo(ACME);
        assertThat(e.details().status()).contains(EnhancedStatus.of("5.1.1"));
        assertThat(suppressions.find(ACME, "tryacme.com", "ann@example.net"))
                .hasValueSatisfying(s -> assertThat(s.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE));
        assertThat(events.dailyCounts(ACME, Optional.empty(), LocalDate.of(2026, 5, 10), LocalDate.of(2026, 5, 10)))
                .containsEntry(
                        new RollupKey(ACME, "tryacme.com", LocalDate.of(2026, 5, 10), EventType.HARD_BOUNCE), 1L);
    }

    @Test
    void fiveSoftBouncesPutTheRecipientOnHold() {
        sent.add(new SentMessage(ACME, "tryacme.com", "bob@example.net", "<m2@tryacme.com>", NOW.minusSeconds(60)));
        for (int i = 0; i < 5; i++) {
            clock.now = NOW.plus(Duration.ofDays(i));
            service.ingest("<soft-" + i + "@mx>", dsn(Optional.empty(), failed("bob@example.net", "5.2.2")));
        }
        assertThat(events.all)
                .extracting(Event::type)
                .containsOnly(EventType.SOFT_BOUNCE)
                .hasSize(5);
        Suppression hold =
                suppressions.find(ACME, "tryacme.com", "bob@example.net").orElseThrow();
        assertThat(hold.reason()).isEqualTo(SuppressionReason.SOFT_BOUNCE_HOLD);
        assertThat(hold.until()).contains(NOW.plus(Duration.ofDays(4)).plus(Duration.ofHours(72)));
    }

    @Test
    void aRecipientSentToByTwoTenantsCannotBeMatchedWithoutTheMessageId() {
        sent.add(new SentMessage(ACME, "tryacme.com", "cat@example.net", "<a@tryacme.com>", NOW.minusSeconds(60)));
        sent.add(new SentMessage(GLOBEX, "globex.com", "cat@example.net", "<b@globex.com>", NOW.minusSeconds(60)));
        ReportIngestService.Outcome o = service.ingest("k", dsn(Optional.empty(), failed("cat@example.net", "5.1.1")));
        assertThat(o.unmatched()).isEqualTo(1);
        assertThat(events.all).isEmpty();
        ReportIngestService.Outcome byId =
                service.ingest("k2", dsn(Optional.of("<b@globex.com>"), failed("cat@example.net", "5.1.1")));
        assertThat(byId.recorded()).isEqualTo(1);
        assertThat(events.all.get(0).tenant()).isEqualTo(GLOBEX);
    }

    @Test
    void complaintsAndOptOutsSuppressButDmarcFailureReportsRecordNothing() {
        sent.add(new SentMessage(ACME, "tryacme.com", "dan@example.net", "<c@tryacme.com>", NOW.minusSeconds(60)));
        ReportedRecipient abuse = new ReportedRecipient(
                "dan@example.net",
                Optional.empty(),
                DeliveryAction.FAILED,
                Optional.empty(),
                false,
                OptionalInt.empty(),
                "",
                Severity.NONE,
                Optional.of("abuse"));
        ReportedRecipient auth = new ReportedRecipient(
                "dan@example.net",
                Optional.empty(),
                DeliveryAction.FAILED,
                Optional.empty(),
                false,
                OptionalInt.empty(),
                "",
                Severity.NONE,
                Optional.of("auth-failure"));
        service.ingest("f1", new InboundReport(ReportKind.FEEDBACK, List.of(auth), Optional.of("<c@tryacme.com>"), ""));
        assertThat(events.all).isEmpty();
        ComplaintReport fields = new ComplaintReport(
                "abuse",
                Optional.of("SomeGenerator/1.0"),
                Optional.of("1"),
                Optional.of("192.0.2.1"),
                Optional.empty(),
                Optional.empty(),
                List.of("tryacme.com"),
                List.of(),
                List.of("mx.example.net; spf=pass smtp.mailfrom=tryacme.com"),
                Optional.of("bounce@tryacme.com"),
                List.of("dan@example.net"),
                Optional.empty(),
                Optional.empty(),
                OptionalInt.empty());
        service.ingest(
                "f2",
                new InboundReport(
                        ReportKind.FEEDBACK, List.of(abuse), Optional.of("<c@tryacme.com>"), "", Optional.of(fields)));
        assertThat(events.all).extracting(Event::type).containsExactly(EventType.COMPLAINED);
        // The complaint keeps its report's fields, for its detail.
        assertThat(events.all.get(0).details().complaint()).contains(fields);
        assertThat(suppressions
                        .find(ACME, "tryacme.com", "dan@example.net")
                        .get()
                        .reason())
                .isEqualTo(SuppressionReason.COMPLAINT);
    }

    @Test
    void autoRepliesAndOrdinaryMailRecordNothing() {
        assertThat(service.ingest("a", InboundReport.nothing(ReportKind.AUTO_REPLY, ""))
                        .recorded())
                .isZero();
        assertThat(service.ingest("b", InboundReport.nothing(ReportKind.NOT_A_REPORT, ""))
                        .recorded())
                .isZero();
        assertThat(events.all).isEmpty();
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final class MemoryEvents implements EventStore {
        final List<Event> all = new ArrayList<>();
        final DailyRollup rollup = new DailyRollup();
        final Set<String> processed = new HashSet<>();

        @Override
        public void append(List<Event> events) {
            all.addAll(events);
            rollup.addBatch(events);
        }

        @Override
        public List<Instant> softBounceTimes(
                TenantId tenant, String domain, String recipient, Instant since, Instant until) {
            return all.stream()
                    .filter(e -> e.type() == EventType.SOFT_BOUNCE
                            && e.tenant().equals(tenant)
                            && e.domain().equals(domain)
                            && e.recipient().equals(recipient)
                            && !e.at().isBefore(since)
                            && !e.at().isAfter(until))
                    .map(Event::at)
                    .toList();
        }

        @Override
        public Map<RollupKey, Long> dailyCounts(
                TenantId tenant, Optional<String> domain, LocalDate from, LocalDate to) {
            Map<RollupKey, Long> out = new HashMap<>();
            rollup.counts().forEach((k, v) -> {
                if (k.tenant().equals(tenant)
                        && domain.map(k.domain()::equals).orElse(true)
                        && !k.day().isBefore(from)
                        && !k.day().isAfter(to)) {
                    out.put(k, v);
                }
            });
            return out;
        }

        @Override
        public boolean markReportProcessed(String reportKey, Instant at) {
            return processed.add(reportKey);
        }
    }

    static final class MemorySuppressions implements SuppressionStore {
        final Map<String, Suppression> map = new HashMap<>();

        private static String key(TenantId t, String d, String a) {
            return t.value() + "|" + d.toLowerCase() + "|" + a.toLowerCase();
        }

        @Override
        public Optional<Suppression> find(TenantId tenant, String domain, String address) {
            return Optional.ofNullable(map.get(key(tenant, domain, address)));
        }

        @Override
        public void put(Suppression s) {
            map.put(key(s.tenant(), s.domain(), s.address()), s);
        }

        @Override
        public boolean remove(TenantId tenant, String domain, String address) {
            return map.remove(key(tenant, domain, address)) != null;
        }

        @Override
        public List<Suppression> list(TenantId tenant, String domain) {
            return map.values().stream()
                    .filter(s -> s.tenant().equals(tenant) && s.domain().equals(domain))
                    .toList();
        }

        @Override
        public void recordRemoval(SuppressionRemoval removal) {
            throw new UnsupportedOperationException("the ingester never removes entries");
        }

        @Override
        public List<SuppressionRemoval> removals(TenantId tenant, String domain) {
            return List.of();
        }
    }
}
