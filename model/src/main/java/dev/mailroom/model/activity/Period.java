package dev.mailroom.model.activity;

import dev.mailroom.model.common.InvalidInput;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A span of whole UTC days, both ends included: what a chart covers. */
public record Period(LocalDate from, LocalDate to) {
    /** Longer spans are refused: a chart of years of days is unreadable and the query unbounded. */
    public static final int MAX_DAYS = 400;

    public Period {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new InvalidInput("to", "The period ends before it starts.");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new InvalidInput("from", "Choose a period of at most " + MAX_DAYS + " days.");
        }
    }

    /** The last {@code days} days up to and including {@code today}. */
    public static Period lastDays(int days, LocalDate today) {
        if (days < 1) {
            throw new InvalidInput("days", "A period has at least one day.");
        }
        return new Period(today.minusDays(days - 1L), today);
    }

    public int days() {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }

    public List<LocalDate> eachDay() {
        List<LocalDate> out = new ArrayList<>(days());
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            out.add(d);
        }
        return out;
    }
}
