package dev.mailroom.mailer.templates;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;

/**
 * Date formats written the way SendGrid's {@code formatDate} helper takes them (Moment.js tokens:
 * {@code MMMM D, YYYY}, {@code DD/MM/YYYY HH:mm}, {@code dddd h:mm A}), turned into a
 * {@link DateTimeFormatter}. Text in square brackets is literal; other characters are kept.
 */
final class MomentPattern {
    // Longest tokens first, so that MMMM is not read as MM + MM.
    private static final String[] TOKENS = {
        "YYYY", "YY", "MMMM", "MMM", "MM", "M", "Do", "DD", "D", "dddd", "ddd", "dd", "HH", "H", "hh", "h", "mm", "m",
        "ss", "s", "SSS", "A", "a", "ZZ", "Z"
    };

    private static final Map<String, String> SIMPLE = Map.ofEntries(
            Map.entry("YYYY", "uuuu"),
            Map.entry("YY", "uu"),
            Map.entry("MMMM", "MMMM"),
            Map.entry("MMM", "MMM"),
            Map.entry("MM", "MM"),
            Map.entry("M", "M"),
            Map.entry("DD", "dd"),
            Map.entry("D", "d"),
            Map.entry("dddd", "EEEE"),
            Map.entry("ddd", "EEE"),
            Map.entry("dd", "EEE"),
            Map.entry("HH", "HH"),
            Map.entry("H", "H"),
            Map.entry("hh", "hh"),
            Map.entry("h", "h"),
            Map.entry("mm", "mm"),
            Map.entry("m", "m"),
            Map.entry("ss", "ss"),
            Map.entry("s", "s"),
            Map.entry("SSS", "SSS"),
            Map.entry("A", "a"),
            Map.entry("ZZ", "xx"),
            Map.entry("Z", "xxx"));

    private MomentPattern() {}

    static DateTimeFormatter toFormatter(String moment, Locale locale) {
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder();
        int i = 0;
        while (i < moment.length()) {
            char c = moment.charAt(i);
            if (c == '[') {
                int end = moment.indexOf(']', i + 1);
                if (end < 0) {
                    end = moment.length();
                }
                b.appendLiteral(moment.substring(i + 1, end));
                i = end + 1;
                continue;
            }
            String token = tokenAt(moment, i);
            if (token == null) {
                b.appendLiteral(c);
                i++;
                continue;
            }
            switch (token) {
                case "Do" -> b.appendText(ChronoField.DAY_OF_MONTH, ordinals());
                case "a" -> b.appendText(ChronoField.AMPM_OF_DAY, Map.of(0L, "am", 1L, "pm"));
                case "dd" -> b.appendText(ChronoField.DAY_OF_WEEK, TextStyle.SHORT);
                default -> b.appendPattern(SIMPLE.get(token));
            }
            i += token.length();
        }
        return b.toFormatter(locale);
    }

    private static String tokenAt(String s, int i) {
        for (String t : TOKENS) {
            if (s.startsWith(t, i)) {
                return t;
            }
        }
        return null;
    }

    private static Map<Long, String> ordinals() {
        java.util.HashMap<Long, String> m = new java.util.HashMap<>();
        for (long d = 1; d <= 31; d++) {
            String suffix = (d % 100 >= 11 && d % 100 <= 13)
                    ? "th"
                    : switch ((int) (d % 10)) {
                        case 1 -> "st";
                        case 2 -> "nd";
                        case 3 -> "rd";
                        default -> "th";
                    };
            m.put(d, d + suffix);
        }
        return m;
    }
}
