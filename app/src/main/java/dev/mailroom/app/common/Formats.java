package dev.mailroom.app.common;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** How numbers and times are written everywhere in the console. */
public final class Formats {
    private static final DateTimeFormatter EXACT =
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());

    private Formats() {}

    public static String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.getDefault()).format(n);
    }

    public static String exact(Instant at) {
        return EXACT.format(at);
    }

    public static String day(Instant at) {
        return DAY.format(at);
    }

    /** "just now", "3 min ago", "5 h ago", "12 days ago". */
    public static String ago(Instant at, Instant now) {
        Duration d = Duration.between(at, now);
        if (d.isNegative() || d.toSeconds() < 60) {
            return "just now";
        } else if (d.toMinutes() < 60) {
            return d.toMinutes() + " min ago";
        } else if (d.toHours() < 24) {
            return d.toHours() + " h ago";
        }
        long days = d.toDays();
        return days == 1 ? "yesterday" : days + " days ago";
    }
}
