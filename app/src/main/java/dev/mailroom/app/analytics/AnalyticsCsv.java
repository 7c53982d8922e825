package dev.mailroom.app.analytics;

import dev.mailroom.app.common.Csv;
import dev.mailroom.model.activity.AnalyticsReport;
import dev.mailroom.model.activity.EventTotals;
import dev.mailroom.model.activity.EventType;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/** The report's numbers as CSV: one row per day, a count per event type, then the day's rates. */
public final class AnalyticsCsv {
    private AnalyticsCsv() {}

    public static void write(AnalyticsReport report, Writer out) throws IOException {
        List<String> header = new ArrayList<>(List.of("day"));
        for (EventType t : EventType.values()) {
            header.add(t.name().toLowerCase(Locale.ROOT));
        }
        header.addAll(List.of("delivery_rate", "bounce_rate", "complaint_rate", "open_rate"));
        Csv.row(out, header);
        for (Map.Entry<LocalDate, EventTotals> day : report.byDay().entrySet()) {
            out.write(row(day.getKey().toString(), day.getValue()));
        }
        out.write(row("total", report.totals()));
    }

    private static String row(String first, EventTotals t) throws IOException {
        List<String> cells = new ArrayList<>(List.of(first));
        for (EventType type : EventType.values()) {
            cells.add(Long.toString(t.count(type)));
        }
        cells.add(rate(t.deliveryRate()));
        cells.add(rate(t.bounceRate()));
        cells.add(rate(t.complaintRate()));
        cells.add(rate(t.openRate()));
        java.io.StringWriter w = new java.io.StringWriter();
        Csv.row(w, cells);
        return w.toString();
    }

    /** Fractions with six decimals, a dot as separator whatever the locale, so spreadsheets read them. */
    private static String rate(OptionalDouble r) {
        return r.isPresent() ? String.format(Locale.ROOT, "%.6f", r.getAsDouble()) : "";
    }
}
