package dev.mailroom.app.analytics;

import dev.mailroom.model.activity.AnalyticsReport;
import dev.mailroom.model.activity.EventTotals;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.common.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The report's numbers as the table of the CSV export: one row per day, a count per event type, then
 * the day's rates, and a total row.
 */
public final class AnalyticsCsv {
    private AnalyticsCsv() {}

    public static Table table(AnalyticsReport report) {
        List<String> header = new ArrayList<>(List.of("day"));
        for (EventType t : EventType.values()) {
            header.add(t.name().toLowerCase(Locale.ROOT));
        }
        header.addAll(List.of("delivery_rate", "bounce_rate", "complaint_rate", "open_rate"));
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<LocalDate, EventTotals> day : report.byDay().entrySet()) {
            rows.add(row(day.getKey().toString(), day.getValue()));
        }
        rows.add(row("total", report.totals()));
        return new Table(header, rows);
    }

    private static List<String> row(String first, EventTotals t) {
        List<String> cells = new ArrayList<>(List.of(first));
        for (EventType type : EventType.values()) {
            cells.add(Long.toString(t.count(type)));
        }
        cells.add(rate(t.deliveryRate()));
        cells.add(rate(t.bounceRate()));
        cells.add(rate(t.complaintRate()));
        cells.add(rate(t.openRate()));
        return cells;
    }

    /** Fractions with six decimals, a dot as separator whatever the locale, so spreadsheets read them. */
    private static String rate(OptionalDouble r) {
        return r.isPresent() ? String.format(Locale.ROOT, "%.6f", r.getAsDouble()) : "";
    }
}
