package dev.mailroom.model.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.common.TenantId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantHealthTest {
    private static final TenantId T = new TenantId(1);

    private static TenantHealth health(
            long sent, long delivered, long hard, long complained, long today, long previous7) {
        return TenantHealth.of(
                T,
                new TenantActivity(
                        new EventTotals(Map.of(
                                EventType.SENT,
                                sent,
                                EventType.DELIVERED,
                                delivered,
                                EventType.HARD_BOUNCE,
                                hard,
                                EventType.COMPLAINED,
                                complained)),
                        today,
                        previous7));
    }

    @Test
    void flagsAreStrictlyOverTheLimits() {
        assertThat(health(1000, 950, 50, 0, 0, 0).flags()).isEmpty();
        assertThat(health(1000, 949, 51, 0, 0, 0).flags()).containsExactly(HealthFlag.HIGH_BOUNCE_RATE);
        assertThat(health(10_000, 10_000, 0, 30, 0, 0).flags()).isEmpty();
        assertThat(health(10_000, 10_000, 0, 31, 0, 0).flags()).containsExactly(HealthFlag.HIGH_COMPLAINT_RATE);
    }

    @Test
    void aSpikeIsTodayAboveThreeTimesTheTrailingMeanWithEnoughVolume() {
        assertThat(health(0, 0, 0, 0, 300, 700).flags()).isEmpty();
        assertThat(health(0, 0, 0, 0, 301, 700).flags()).containsExactly(HealthFlag.VOLUME_SPIKE);
        assertThat(health(0, 0, 0, 0, 99, 0).flags()).isEmpty();
        assertThat(health(0, 0, 0, 0, 100, 0).flags()).containsExactly(HealthFlag.VOLUME_SPIKE);
    }

    @Test
    void ratesAreEmptyWithNothingToDivideBy() {
        assertThat(EventTotals.NONE.bounceRate()).isEmpty();
        assertThat(EventTotals.NONE.complaintRate()).isEmpty();
        assertThat(Thresholds.bounce(0.03)).isEqualTo(Thresholds.Level.WARNING);
        assertThat(Thresholds.complaint(0.0031)).isEqualTo(Thresholds.Level.OVER_LIMIT);
        assertThat(DeferralReasons.describe("4.2.2")).isEqualTo("4.2.2 mailbox full");
        assertThat(DeferralReasons.describe("4.9.9")).isEqualTo("4.9.9");
    }
}
