package dev.mailroom.model.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.common.InvalidInput;
import java.time.LocalDate;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WarmupPlanTest {
    static final LocalDate START = LocalDate.of(2026, 5, 4);

    @Test
    void aMailboxPlanStartsAtFiveAndRampsByFiveTowardsTwentyFive() {
        WarmupPlan p = WarmupPlan.linear(WarmupPlan.Scope.MAILBOX, "Hello@TryAcme.test", 5, 5, 25, START);
        assertThat(p.scope()).isEqualTo("hello@tryacme.test");
        assertThat(IntStream.rangeClosed(-2, 7)
                        .map(i -> p.allowanceOn(START.plusDays(i)))
                        .toArray())
                .containsExactly(0, 0, 5, 10, 15, 20, 25, 25, 25, 25);
        assertThat(p.warmedUpOn()).isEqualTo(START.plusDays(4));
        assertThat(p.isWarmedUpOn(START.plusDays(3))).isFalse();
        assertThat(p.isWarmedUpOn(START.plusDays(4))).isTrue();
        assertThat(p.dayOfPlan(START.minusDays(1))).isEmpty();
        assertThat(p.dayOfPlan(START)).contains(1);
        assertThat(p.dayOfPlan(START.plusDays(3))).contains(4);
    }

    @Test
    void aStepThatDoesNotDivideTheGapStopsAtTheCeiling() {
        WarmupPlan p = WarmupPlan.linear(WarmupPlan.Scope.DOMAIN, "tryacme.test", 5, 7, 25, START);
        assertThat(IntStream.range(0, 5)
                        .map(i -> p.allowanceOn(START.plusDays(i)))
                        .toArray())
                .containsExactly(5, 12, 19, 25, 25);
        assertThat(p.warmedUpOn()).isEqualTo(START.plusDays(3));
    }

    @Test
    void aDomainPlanDoublesDailyUpToItsCeiling() {
        WarmupPlan p = WarmupPlan.doubling(WarmupPlan.Scope.DOMAIN, "tryacme.test", 50, 1000, START);
        assertThat(IntStream.range(0, 7)
                        .map(i -> p.allowanceOn(START.plusDays(i)))
                        .toArray())
                .containsExactly(50, 100, 200, 400, 800, 1000, 1000);
        assertThat(p.warmedUpOn()).isEqualTo(START.plusDays(5));
        assertThat(p.step()).isZero();
    }

    @Test
    void doublingFarIntoThePlanDoesNotOverflow() {
        WarmupPlan p = WarmupPlan.doubling(WarmupPlan.Scope.DOMAIN, "tryacme.test", 3, WarmupPlan.MAX_CEILING, START);
        assertThat(p.allowanceOn(START.plusDays(30))).isEqualTo(WarmupPlan.MAX_CEILING);
        assertThat(p.allowanceOn(START.plusDays(31))).isEqualTo(WarmupPlan.MAX_CEILING);
        assertThat(p.allowanceOn(START.plusDays(5000))).isEqualTo(WarmupPlan.MAX_CEILING);
        assertThat(p.allowanceOn(START.plusDays(21))).isEqualTo(Math.min(WarmupPlan.MAX_CEILING, 3 << 21));
    }

    @Test
    void aPlanStartingAtItsCeilingIsWarmedUpFromTheStart() {
        WarmupPlan p = WarmupPlan.linear(WarmupPlan.Scope.MAILBOX, "a@b.test", 25, 5, 25, START);
        assertThat(p.warmedUpOn()).isEqualTo(START);
        assertThat(p.stage(START, 3)).isEqualTo("Warmed up: 25/day, 3 sent today");
    }

    @Test
    void theStageSaysTheDayTheAllowanceAndWhatWasSent() {
        WarmupPlan p = WarmupPlan.linear(WarmupPlan.Scope.DOMAIN, "tryacme.test", 10, 10, 2000, START);
        assertThat(p.stage(START.plusDays(3), 17)).isEqualTo("Day 4 of plan: 40/day, 17 sent today");
        assertThat(p.stage(START.minusDays(2), 0)).isEqualTo("Starts 2026-05-04 at 10/day");
        assertThat(p.stage(START.plusDays(400), 1234)).isEqualTo("Warmed up: 2,000/day, 1,234 sent today");
    }

    @Test
    void badPlansAreRefusedFieldByField() {
        assertThatThrownBy(() -> WarmupPlan.linear(WarmupPlan.Scope.MAILBOX, "tryacme.test", 0, 0, -1, START))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.problems()).containsOnlyKeys("scope", "start", "ceiling", "step"));
        assertThatThrownBy(() -> WarmupPlan.doubling(WarmupPlan.Scope.DOMAIN, "a@tryacme.test", 5, 4, START))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.problems()).containsOnlyKeys("scope", "ceiling"));
        assertThatThrownBy(() -> WarmupPlan.doubling(
                        WarmupPlan.Scope.DOMAIN, "tryacme.test", 5, WarmupPlan.MAX_CEILING + 1, START))
                .isInstanceOf(InvalidInput.class);
    }

    /** For any plan: nothing before the start, the start on day 1, never down, never past the ceiling, the ceiling from warmedUpOn on. */
    @Property
    void theAllowanceRampsMonotonicallyToTheCeiling(
            @ForAll @IntRange(min = 1, max = 500) int start,
            @ForAll @IntRange(min = 0, max = 5000) int extra,
            @ForAll @IntRange(min = 1, max = 300) int step,
            @ForAll boolean doubling,
            @ForAll @IntRange(min = -40, max = 400) int offset) {
        int ceiling = start + extra;
        WarmupPlan p = doubling
                ? WarmupPlan.doubling(WarmupPlan.Scope.DOMAIN, "d.test", start, ceiling, START)
                : WarmupPlan.linear(WarmupPlan.Scope.DOMAIN, "d.test", start, step, ceiling, START);
        LocalDate day = START.plusDays(offset);
        int today = p.allowanceOn(day);
        int tomorrow = p.allowanceOn(day.plusDays(1));
        if (offset < 0) {
            assertThat(today).isZero();
        } else {
            assertThat(today).isBetween(start, ceiling);
            assertThat(tomorrow).isGreaterThanOrEqualTo(today);
            int expected = doubling
                    ? (int) Math.min(ceiling, start * Math.pow(2, Math.min(offset, 40)))
                    : (int) Math.min(ceiling, start + (long) offset * step);
            assertThat(today).isEqualTo(expected);
        }
        assertThat(p.allowanceOn(START)).isEqualTo(start);
        assertThat(p.allowanceOn(p.warmedUpOn())).isEqualTo(ceiling);
        if (p.warmedUpOn().isAfter(START)) {
            assertThat(p.allowanceOn(p.warmedUpOn().minusDays(1))).isLessThan(ceiling);
        }
        assertThat(p.isWarmedUpOn(day)).isEqualTo(offset >= 0 && today == ceiling);
    }
}
