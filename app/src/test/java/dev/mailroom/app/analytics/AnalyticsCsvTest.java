package dev.mailroom.app.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.Csv;
import dev.mailroom.model.activity.AnalyticsReport;
import dev.mailroom.model.activity.EventTotals;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.Period;
import dev.mailroom.model.common.TenantId;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The analytics export: a row per day and a total, counts and rates with a dot whatever the locale. */
class AnalyticsCsvTest {
    @Test
    void aRowPerDayAndATotalAsPlainNumbers() {
        LocalDate d1 = LocalDate.parse("2026-11-01");
        LocalDate d2 = LocalDate.parse("2026-11-02");
        Map<LocalDate, EventTotals> days = new LinkedHashMap<>();
        days.put(d1, new EventTotals(Map.of(EventType.values()[0], 3L)));
        days.put(d2, EventTotals.NONE);
        AnalyticsReport report = new AnalyticsReport(
                new TenantId(1),
                Optional.empty(),
                new Period(d1, d2),
                days,
                new EventTotals(Map.of(EventType.values()[0], 3L)),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        java.util.Locale before = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.GERMANY);
        String csv;
        try {
            csv = Csv.text(AnalyticsCsv.table(report));
        } finally {
            java.util.Locale.setDefault(before);
        }
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0])
                .startsWith("day," + EventType.values()[0].name().toLowerCase(java.util.Locale.ROOT))
                .endsWith(",delivery_rate,bounce_rate,complaint_rate,open_rate");
        assertThat(lines[1]).startsWith("2026-11-01,3,");
        assertThat(lines[2]).startsWith("2026-11-02,0,");
        assertThat(lines[3]).startsWith("total,3,");
        assertThat(csv).doesNotContain("'").doesNotContain(";");
        assertThat(lines[3].split(",", -1)).hasSize(EventType.values().length + 5);
    }
}
