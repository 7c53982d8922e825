package dev.mailroom.mailer.templates;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Options;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The helpers Mailroom templates may use beyond Handlebars' own ({@code if}, {@code unless},
 * {@code each}, {@code with}). They follow SendGrid's dynamic-template helpers, so a template moves
 * between Mailroom and SendGrid unchanged: {@code formatDate}, {@code equals}, {@code notEquals},
 * {@code greaterThan}, {@code lessThan}, {@code and}, {@code or}, {@code length}, {@code insert};
 * plus {@code money} for amounts in a currency.
 *
 * <p>A helper given input it cannot use throws {@link IllegalArgumentException} with a message for
 * the designer; Handlebars reports it with the tag's line and column.
 */
final class EmailHelpers {
    static final String DEFAULT_DATE_FORMAT = "MMMM D, YYYY";

    private EmailHelpers() {}

    static void register(Handlebars hb) {
        hb.registerHelper("formatDate", (Helper<Object>) EmailHelpers::formatDate);
        hb.registerHelper("money", (Helper<Object>) EmailHelpers::money);
        hb.registerHelper("equals", (Helper<Object>) (a, o) -> block(same(a, o.param(0, null)), o));
        hb.registerHelper("notEquals", (Helper<Object>) (a, o) -> block(!same(a, o.param(0, null)), o));
        hb.registerHelper("greaterThan", (Helper<Object>) (a, o) ->
                block(compare(a, o.param(0, null), "greaterThan") > 0, o));
        hb.registerHelper("lessThan", (Helper<Object>) (a, o) ->
                block(compare(a, o.param(0, null), "lessThan") < 0, o));
        hb.registerHelper("and", (Helper<Object>) (a, o) -> {
            boolean all = truthy(a);
            for (Object p : o.params) {
                all &= truthy(p);
            }
            return block(all, o);
        });
        hb.registerHelper("or", (Helper<Object>) (a, o) -> {
            boolean any = truthy(a);
            for (Object p : o.params) {
                any |= truthy(p);
            }
            return block(any, o);
        });
        hb.registerHelper("length", (Helper<Object>) (a, o) -> length(a));
        hb.registerHelper("insert", (Helper<Object>) EmailHelpers::insert);
    }

    /** {@code {{formatDate when "MMMM D, YYYY" "-0800"}}}; also {@code tz="Europe/Paris"} and {@code locale="fr-FR"}. */
    static Object formatDate(Object value, Options o) {
        if (value == null || "".equals(value)) {
            return "";
        }
        String pattern = o.param(0, DEFAULT_DATE_FORMAT);
        Object offset = o.param(1, o.hash("tz"));
        Locale locale = locale(o);
        ZonedDateTime at = toDateTime(value, zone(offset));
        try {
            return MomentPattern.toFormatter(String.valueOf(pattern), locale).format(at);
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "formatDate cannot use the format \"" + pattern + "\": " + e.getMessage());
        }
    }

    private static ZonedDateTime toDateTime(Object value, ZoneId zone) {
        if (value instanceof Number n) {
            return Instant.ofEpochMilli(n.longValue()).atZone(zone);
        }
        String s = String.valueOf(value).strip();
        try {
            return OffsetDateTime.parse(s).atZoneSameInstant(zone);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return Instant.parse(s).atZone(zone);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(s).atZone(zone);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(s).atStartOfDay(zone);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("formatDate needs a date such as 2026-03-14 or 2026-03-14T09:30:00Z, "
                    + "or milliseconds since 1970; it got \"" + abbreviate(s) + "\".");
        }
    }

    private static ZoneId zone(Object offset) {
        if (offset == null || String.valueOf(offset).isBlank()) {
            return ZoneOffset.UTC;
        }
        String s = String.valueOf(offset).strip();
        try {
            if (s.matches("[+-]\\d{4}")) {
                return ZoneOffset.of(s.substring(0, 3) + ":" + s.substring(3));
            }
            return ZoneId.of(s);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("formatDate does not know the time zone \"" + abbreviate(s)
                    + "\"; use an offset such as -0800 or a zone such as Europe/Paris.");
        }
    }

    /** {@code {{money order.total "EUR"}}}; {@code locale="de-DE"}, {@code minor=true} for amounts in cents. */
    static Object money(Object value, Options o) {
        if (value == null || "".equals(value)) {
            return "";
        }
        Object code = o.param(0, o.hash("currency", "USD"));
        Currency currency;
        try {
            currency = Currency.getInstance(String.valueOf(code).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("money does not know the currency \"" + abbreviate(String.valueOf(code))
                    + "\"; use an ISO 4217 code such as USD, EUR or GBP.");
        }
        BigDecimal amount = decimal(value, "money");
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        Object minor = o.hash("minor");
        if (Boolean.TRUE.equals(minor) || "true".equals(String.valueOf(minor))) {
            amount = amount.movePointLeft(digits);
        }
        NumberFormat f = NumberFormat.getCurrencyInstance(locale(o));
        f.setCurrency(currency);
        f.setMinimumFractionDigits(digits);
        f.setMaximumFractionDigits(digits);
        return f.format(amount.setScale(digits, RoundingMode.HALF_EVEN));
    }

    private static Locale locale(Options o) {
        Object tag = o.hash("locale");
        return tag == null ? Locale.US : Locale.forLanguageTag(String.valueOf(tag));
    }

    private static BigDecimal decimal(Object value, String helper) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        try {
            return new BigDecimal(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    helper + " needs a number; it got \"" + abbreviate(String.valueOf(value)) + "\".");
        }
    }

    private static Object insert(Object value, Options o) {
        if (truthy(value)) {
            return value;
        }
        for (Object p : o.params) {
            String s = String.valueOf(p);
            if (s.startsWith("default=")) {
                return s.substring("default=".length());
            }
        }
        return "";
    }

    private static Object length(Object value) {
        if (value instanceof Collection<?> c) {
            return c.size();
        }
        if (value instanceof Map<?, ?> m) {
            return m.size();
        }
        if (value instanceof CharSequence s) {
            return s.length();
        }
        return 0;
    }

    private static Object block(boolean condition, Options o) throws IOException {
        if (o.tagType.inline()) {
            return condition;
        }
        return condition ? o.fn() : o.inverse();
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return decimal(a, "equals").compareTo(decimal(b, "equals")) == 0;
        }
        if (a == null || b == null) {
            return a == b;
        }
        return Objects.equals(String.valueOf(a), String.valueOf(b));
    }

    private static int compare(Object a, Object b, String helper) {
        if (a == null || b == null) {
            return 0;
        }
        return decimal(a, helper).compareTo(decimal(b, helper));
    }

    static boolean truthy(Object v) {
        return !Handlebars.Utils.isEmpty(v);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
