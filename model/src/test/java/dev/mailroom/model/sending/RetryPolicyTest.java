package dev.mailroom.model.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Instant T0 = Instant.parse("2026-05-04T09:00:00Z");
    private final RetryPolicy policy =
            new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ofHours(4), 0.5);

    @Test
    void doublesFromTheFirstDelayUpToTheCap() {
        // random at the top of its range: the full delay; random = 0: half of it.
        assertThat(policy.nextAttempt(1, T0, T0, 1.0))
                .hasValueSatisfying(t -> assertThat(Duration.between(T0, t)).isEqualTo(Duration.ofMinutes(1)));
        assertThat(policy.nextAttempt(2, T0, T0, 1.0))
                .hasValueSatisfying(t -> assertThat(Duration.between(T0, t)).isEqualTo(Duration.ofMinutes(2)));
        assertThat(policy.nextAttempt(4, T0, T0, 1.0))
                .hasValueSatisfying(t -> assertThat(Duration.between(T0, t)).isEqualTo(Duration.ofMinutes(8)));
        assertThat(policy.nextAttempt(9, T0, T0, 1.0))
                .hasValueSatisfying(t -> assertThat(Duration.between(T0, t)).isEqualTo(Duration.ofMinutes(30)));
        assertThat(policy.nextAttempt(1000, T0, T0, 1.0))
                .hasValueSatisfying(t -> assertThat(Duration.between(T0, t)).isEqualTo(Duration.ofMinutes(30)));
        assertThat(policy.nextAttempt(4, T0, T0, 0.0))
                .hasValueSatisfying(t -> assertThat(Duration.between(T0, t)).isEqualTo(Duration.ofMinutes(4)));
    }

    @Test
    void jitterSpreadsABatchDeferredTogether() {
        long distinct = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> policy.nextAttempt(3, T0, T0, i / 100.0).orElseThrow())
                .distinct()
                .count();
        assertThat(distinct).isEqualTo(100);
    }

    @Test
    void givesUpPastTheMaximumAge() {
        Instant late = T0.plus(Duration.ofHours(3).plusMinutes(45));
        assertThat(policy.nextAttempt(20, T0, late, 1.0)).isEmpty();
        assertThat(policy.nextAttempt(20, T0, late, 0.0)).isPresent(); // 15 minutes still fit
    }
}
