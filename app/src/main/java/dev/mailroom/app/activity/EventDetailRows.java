package dev.mailroom.app.activity;

import dev.mailroom.model.activity.BounceReason;
import dev.mailroom.model.activity.ComplaintReport;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventType;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One timeline event's detail as labelled lines, for the message log's detail pane: when it happened,
 * what the server said, and for a complaint read from an RFC 5965 feedback report every field of the
 * report. The fields a person judges a complaint by always show, "Not in the report" when the
 * reporter left them out; the rarer ones only when present.
 */
final class EventDetailRows {
    static final String PICK = "Select an event to see its detail.";
    static final String ABSENT = "Not in the report";

    /** One labelled line; {@code absent} when the value says the report left the field out. */
    record Row(String label, String value, boolean absent) {}

    private EventDetailRows() {}

    static String title(Event e) {
        return MessageLogPage.label(e.type())
                + (e.details().complaint().isPresent() ? " — the feedback report's fields" : "");
    }

    /** The event a new timeline opens on: its latest complaint with a report, else its latest event. */
    static Optional<Event> worthShowing(List<Event> timeline) {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            if (timeline.get(i).details().complaint().isPresent()) {
                return Optional.of(timeline.get(i));
            }
        }
        return timeline.isEmpty() ? Optional.empty() : Optional.of(timeline.get(timeline.size() - 1));
    }

    static List<Row> of(Event e, ZoneId zone) {
        DateTimeFormatter exact =
                DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(zone);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("When", exact.format(e.at()), false));
        rows.add(new Row("Recipient", e.recipient(), false));
        if (e.type().isBounce()) {
            rows.add(new Row("Reason", BounceReason.of(e.details()).label(), false));
        }
        if (e.details().smtpReply().isPresent()) {
            rows.add(new Row(
                    "SMTP reply", Integer.toString(e.details().smtpReply().getAsInt()), false));
        }
        e.details().status().ifPresent(s -> rows.add(new Row("Status code", s.toString(), false)));
        Optional<ComplaintReport> report = e.details().complaint();
        if (report.isEmpty()) {
            if (!e.details().diagnostic().isBlank()) {
                rows.add(new Row(
                        e.type() == EventType.COMPLAINED || e.type() == EventType.UNSUBSCRIBED
                                ? "Reported"
                                : "What the server said",
                        e.details().diagnostic(),
                        false));
            }
            return rows;
        }
        ComplaintReport c = report.get();
        always(rows, "Feedback type", c.feedbackType().isEmpty() ? Optional.empty() : Optional.of(c.feedbackType()));
        always(rows, "User agent", c.userAgent());
        always(rows, "Source IP", c.sourceIp());
        always(
                rows,
                "Arrival date",
                c.arrivedAt()
                        .map(exact::format)
                        .map(d -> d + "  (" + c.arrivalDate().orElse("") + ")")
                        .or(c::arrivalDate));
        always(rows, "Reported domain", joined(c.reportedDomains()));
        always(rows, "Authentication results", joined(c.authenticationResults()));
        always(rows, "Original mail from", c.originalMailFrom());
        always(rows, "Original recipient", joined(c.originalRcptTo()));
        joined(c.reportedUris()).ifPresent(v -> rows.add(new Row("Reported URI", v, false)));
        c.originalEnvelopeId().ifPresent(v -> rows.add(new Row("Original envelope ID", v, false)));
        c.reportingMta().ifPresent(v -> rows.add(new Row("Reporting MTA", v, false)));
        if (c.incidents().isPresent()) {
            rows.add(new Row("Incidents", Integer.toString(c.incidents().getAsInt()), false));
        }
        c.version().ifPresent(v -> rows.add(new Row("Report version", v, false)));
        return rows;
    }

    private static void always(List<Row> rows, String label, Optional<String> value) {
        rows.add(value.map(v -> new Row(label, v, false)).orElseGet(() -> new Row(label, ABSENT, true)));
    }

    /** Repeated values one per line. */
    private static Optional<String> joined(List<String> values) {
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", values));
    }
}
