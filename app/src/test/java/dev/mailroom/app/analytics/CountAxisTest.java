package dev.mailroom.app.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Counts get whole-number ticks: no 0.5 steps labelled "0, 1, 1, 2" for a handful of events. */
class CountAxisTest {
    @Test
    void stepsAreWholeAndRound() {
        assertThat(AnalyticsPage.wholeStep(0)).isEqualTo(1);
        assertThat(AnalyticsPage.wholeStep(3)).isEqualTo(1);
        assertThat(AnalyticsPage.wholeStep(7)).isEqualTo(2);
        assertThat(AnalyticsPage.wholeStep(23)).isEqualTo(5);
        assertThat(AnalyticsPage.wholeStep(806)).isEqualTo(200);
        assertThat(AnalyticsPage.wholeStep(33_569)).isEqualTo(10_000);
        for (int max = 0; max < 5_000; max += 7) {
            double step = AnalyticsPage.wholeStep(max);
            assertThat(step % 1).isZero();
            assertThat(step).isGreaterThanOrEqualTo(1);
            assertThat(Math.ceil(max / step)).as("at most ten ticks for " + max).isLessThanOrEqualTo(10);
        }
    }
}
