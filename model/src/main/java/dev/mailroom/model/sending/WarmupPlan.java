package dev.mailroom.model.sending;

import dev.mailroom.model.common.InvalidInput;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A warm-up plan for one sending domain or one mailbox (From address): how many messages may leave
 * on each day. The day's allowance is a pure function of the date, so it needs no state: before the
 * start date nothing may be sent, on the start date {@code startPerDay}, and then it grows by
 * {@code step} a day ({@link Growth#LINEAR}) or doubles each day ({@link Growth#DOUBLING}) until it
 * reaches the {@code ceiling}, where the plan is finished ("warmed up") and stays.
 *
 * @param scope a domain name or an address, lower-case
 * @param step messages added each day; ignored (0) for a doubling plan
 */
public record WarmupPlan(
        Scope kind, String scope, int startPerDay, Growth growth, int step, int ceiling, LocalDate startDate) {
    /** The largest ceiling a plan may have: far beyond any warm-up, and far from int overflow. */
    public static final int MAX_CEILING = 10_000_000;

    public enum Scope {
        DOMAIN("Domain"),
        MAILBOX("Mailbox");

        private final String label;

        Scope(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Growth {
        LINEAR("Adds a fixed number a day"),
        DOUBLING("Doubles every day");

        private final String label;

        Growth(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public WarmupPlan {
        Objects.requireNonNull(kind, "kind");
        scope = Objects.requireNonNull(scope, "scope").trim().toLowerCase(Locale.ROOT);
        Objects.requireNonNull(growth, "growth");
        Objects.requireNonNull(startDate, "startDate");
        if (growth == Growth.DOUBLING) {
            step = 0;
        }
        Map<String, String> problems = new LinkedHashMap<>();
        if (scope.isEmpty() || (kind == Scope.MAILBOX) != scope.contains("@")) {
            problems.put(
                    "scope",
                    kind == Scope.MAILBOX
                            ? "A mailbox plan needs a From address (name@domain)."
                            : "A domain plan needs a domain name, not an address.");
        }
        if (startPerDay < 1) {
            problems.put("start", "Start with at least 1 message a day.");
        }
        if (ceiling < startPerDay || ceiling > MAX_CEILING) {
            problems.put(
                    "ceiling",
                    "The ceiling must be between the starting number (" + startPerDay + ") and " + MAX_CEILING + ".");
        }
        if (growth == Growth.LINEAR && step < 1) {
            problems.put("step", "A ramp adds at least 1 message a day.");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
    }

    /** Start at 5 a day and add {@code step} a day up to {@code ceiling}: the usual plan for one mailbox. */
    public static WarmupPlan linear(Scope kind, String scope, int start, int step, int ceiling, LocalDate startDate) {
        return new WarmupPlan(kind, scope, start, Growth.LINEAR, step, ceiling, startDate);
    }

    public static WarmupPlan doubling(Scope kind, String scope, int start, int ceiling, LocalDate startDate) {
        return new WarmupPlan(kind, scope, start, Growth.DOUBLING, 0, ceiling, startDate);
    }

    /** How many messages may leave on {@code day}: 0 before the start date. */
    public int allowanceOn(LocalDate day) {
        long n = ChronoUnit.DAYS.between(startDate, day);
        if (n < 0) {
            return 0;
        }
        if (growth == Growth.LINEAR) {
            return (int) Math.min(ceiling, startPerDay + n * step);
        }
        // Doubling reaches any int ceiling within 31 days; past that the shift would overflow.
        if (n >= 31) {
            return ceiling;
        }
        return (int) Math.min(ceiling, (long) startPerDay << n);
    }

    /** 1 on the start date; empty before it. */
    public Optional<Integer> dayOfPlan(LocalDate day) {
        long n = ChronoUnit.DAYS.between(startDate, day);
        return n < 0 ? Optional.empty() : Optional.of((int) Math.min(Integer.MAX_VALUE, n + 1));
    }

    /** The first day on which the allowance reaches the ceiling. */
    public LocalDate warmedUpOn() {
        long days;
        if (growth == Growth.LINEAR) {
            days = (ceiling - startPerDay + step - 1) / step;
        } else {
            days = 0;
            for (long v = startPerDay; v < ceiling; v <<= 1) {
                days++;
            }
        }
        return startDate.plusDays(days);
    }

    /** Finished: the allowance has reached the ceiling and stays there. */
    public boolean isWarmedUpOn(LocalDate day) {
        return !day.isBefore(warmedUpOn());
    }

    /** "5/day +5 a day up to 25" or "50/day doubling up to 2,000". */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%,d/day %s up to %,d, from %s",
                startPerDay,
                growth == Growth.LINEAR ? String.format(Locale.ROOT, "+%,d a day", step) : "doubling daily",
                ceiling,
                startDate);
    }

    /** What a person sees: "Day 4 of plan: 40/day, 17 sent today", "Warmed up: 2,000/day", "Starts 12 May". */
    public String stage(LocalDate today, long sentToday) {
        Optional<Integer> day = dayOfPlan(today);
        if (day.isEmpty()) {
            return "Starts " + startDate + " at " + String.format(Locale.ROOT, "%,d", startPerDay) + "/day";
        }
        String sent = String.format(Locale.ROOT, "%,d sent today", sentToday);
        if (isWarmedUpOn(today)) {
            return String.format(Locale.ROOT, "Warmed up: %,d/day, ", ceiling) + sent;
        }
        return String.format(Locale.ROOT, "Day %d of plan: %,d/day, ", day.get(), allowanceOn(today)) + sent;
    }
}
