package dev.mailroom.model.suppressions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.common.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuppressionRulesTest {
    private static final TenantId ACME = new TenantId(1);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static Event event(EventType type, Instant at) {
        return Event.of(ACME, "TryAcme.com", at, "Ann@Example.NET", type);
    }

    @Test
    void hardBounceComplaintAndUnsubscribeSuppressForGood() {
        for (EventType type : List.of(EventType.HARD_BOUNCE, EventType.COMPLAINED, EventType.UNSUBSCRIBED)) {
            Suppression s = SuppressionRules.apply(event(type, T0), Optional.empty(), List.of())
                    .orElseThrow();
            assertThat(s.until()).isEmpty();
            assertThat(s.address()).isEqualTo("ann@example.net");
            assertThat(s.domain()).isEqualTo("tryacme.com");
            assertThat(s.activeAt(T0.plus(Duration.ofDays(3650)))).isTrue();
        }
        assertThat(SuppressionRules.apply(event(EventType.HARD_BOUNCE, T0), Optional.empty(), List.of())
                        .get()
                        .reason())
                .isEqualTo(SuppressionReason.HARD_BOUNCE);
    }

    @Test
    void otherEventsChangeNothing() {
        for (EventType type : List.of(
                EventType.SENT,
                EventType.DELIVERED,
                EventType.DEFERRED,
                EventType.OPENED,
                EventType.CLICKED,
                EventType.QUEUED,
                EventType.REJECTED)) {
            assertThat(SuppressionRules.apply(event(type, T0), Optional.empty(), List.of()))
                    .as(type.name())
                    .isEmpty();
        }
    }

    @Test
    void theFifthSoftBounceInThirtyDaysHoldsFor72Hours() {
        List<Instant> earlier = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Instant at = T0.plus(Duration.ofDays(7L * i));
            assertThat(SuppressionRules.apply(event(EventType.SOFT_BOUNCE, at), Optional.empty(), earlier))
                    .isEmpty();
            earlier.add(at);
        }
        Instant fifth = T0.plus(Duration.ofDays(29));
        Suppression hold = SuppressionRules.apply(event(EventType.SOFT_BOUNCE, fifth), Optional.empty(), earlier)
                .orElseThrow();
        assertThat(hold.reason()).isEqualTo(SuppressionReason.SOFT_BOUNCE_HOLD);
        assertThat(hold.until()).contains(fifth.plus(Duration.ofHours(72)));
        assertThat(hold.activeAt(fifth.plus(Duration.ofHours(71)))).isTrue();
        assertThat(hold.activeAt(fifth.plus(Duration.ofHours(72)))).isFalse();
    }

    @Test
    void softBouncesOlderThanThirtyDaysDoNotCount() {
        List<Instant> earlier =
                List.of(T0, T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)), T0.plus(Duration.ofDays(3)));
        Instant late = T0.plus(Duration.ofDays(30)); // the first is exactly 30 days back: outside
        assertThat(SuppressionRules.apply(event(EventType.SOFT_BOUNCE, late), Optional.empty(), earlier))
                .isEmpty();
    }

    @Test
    void afterAHoldOnlyNewSoftBouncesCount() {
        List<Instant> earlier =
                List.of(T0, T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(180), T0.plusSeconds(240));
        Suppression ended = new Suppression(
                ACME,
                "tryacme.com",
                "ann@example.net",
                SuppressionReason.SOFT_BOUNCE_HOLD,
                T0.plusSeconds(240),
                Optional.of(T0.plusSeconds(240).plus(Duration.ofHours(72))),
                "");
        Instant next = T0.plus(Duration.ofDays(4));
        assertThat(SuppressionRules.apply(event(EventType.SOFT_BOUNCE, next), Optional.of(ended), earlier))
                .isEmpty();
    }

    @Test
    void aPermanentEntryIsNeverWeakenedButReplacesAHold() {
        Suppression complaint = new Suppression(
                ACME, "tryacme.com", "ann@example.net", SuppressionReason.COMPLAINT, T0, Optional.empty(), "");
        List<Instant> many = List.of(T0, T0, T0, T0, T0, T0);
        assertThat(SuppressionRules.apply(
                        event(EventType.SOFT_BOUNCE, T0.plusSeconds(1)), Optional.of(complaint), many))
                .isEmpty();
        assertThat(SuppressionRules.apply(
                        event(EventType.HARD_BOUNCE, T0.plusSeconds(1)), Optional.of(complaint), many))
                .isEmpty();

        Suppression hold = new Suppression(
                ACME,
                "tryacme.com",
                "ann@example.net",
                SuppressionReason.SOFT_BOUNCE_HOLD,
                T0,
                Optional.of(T0.plus(Duration.ofHours(72))),
                "");
        assertThat(SuppressionRules.apply(
                        event(EventType.HARD_BOUNCE, T0.plusSeconds(1)), Optional.of(hold), List.of()))
                .hasValueSatisfying(s -> assertThat(s.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE));
    }
}
