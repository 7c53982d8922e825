package dev.mailroom.persistence.activity;

import static dev.mailroom.persistence.jooq.Tables.COMPLAINT_REPORT;

import dev.mailroom.model.activity.ComplaintReport;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.persistence.jooq.tables.records.ComplaintReportRecord;
import dev.mailroom.persistence.store.Times;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jooq.DSLContext;

/**
 * The RFC 5965 fields of a complaint, one row per complaint event (V120). Repeatable fields hold
 * their values one per line: {@link ComplaintReport} keeps every value on one line, so a line break
 * never occurs inside a value. Every read names the tenant.
 */
final class ComplaintReports {
    private ComplaintReports() {}

    static void insert(DSLContext dsl, long eventId, TenantId tenant, ComplaintReport c) {
        ComplaintReportRecord r = dsl.newRecord(COMPLAINT_REPORT);
        r.setEventId(eventId);
        r.setTenantId(tenant.value());
        r.setFeedbackType(c.feedbackType());
        r.setUserAgent(c.userAgent().orElse(null));
        r.setArfVersion(c.version().orElse(null));
        r.setSourceIp(c.sourceIp().orElse(null));
        r.setArrivalDate(c.arrivalDate().orElse(null));
        r.setArrivedAt(c.arrivedAt().map(Times::toDb).orElse(null));
        r.setReportedDomains(lines(c.reportedDomains()));
        r.setReportedUris(lines(c.reportedUris()));
        r.setAuthenticationResults(lines(c.authenticationResults()));
        r.setOriginalMailFrom(c.originalMailFrom().orElse(null));
        r.setOriginalRcptTo(lines(c.originalRcptTo()));
        r.setOriginalEnvelopeId(c.originalEnvelopeId().orElse(null));
        r.setReportingMta(c.reportingMta().orElse(null));
        r.setIncidents(c.incidents().isPresent() ? c.incidents().getAsInt() : null);
        r.insert();
    }

    /** The complaint reports of these events in this tenant, by event id; events without one are absent. */
    static Map<Long, ComplaintReport> of(DSLContext dsl, TenantId tenant, Collection<Long> eventIds) {
        Map<Long, ComplaintReport> out = new HashMap<>();
        if (eventIds.isEmpty()) {
            return out;
        }
        dsl.selectFrom(COMPLAINT_REPORT)
                .where(COMPLAINT_REPORT.TENANT_ID.eq(tenant.value()))
                .and(COMPLAINT_REPORT.EVENT_ID.in(eventIds))
                .forEach(r -> out.put(r.getEventId(), report(r)));
        return out;
    }

    private static ComplaintReport report(ComplaintReportRecord r) {
        return new ComplaintReport(
                r.getFeedbackType(),
                Optional.ofNullable(r.getUserAgent()),
                Optional.ofNullable(r.getArfVersion()),
                Optional.ofNullable(r.getSourceIp()),
                Optional.ofNullable(r.getArrivalDate()),
                Optional.ofNullable(r.getArrivedAt()).map(Times::fromDb),
                values(r.getReportedDomains()),
                values(r.getReportedUris()),
                values(r.getAuthenticationResults()),
                Optional.ofNullable(r.getOriginalMailFrom()),
                values(r.getOriginalRcptTo()),
                Optional.ofNullable(r.getOriginalEnvelopeId()),
                Optional.ofNullable(r.getReportingMta()),
                r.getIncidents() == null ? OptionalInt.empty() : OptionalInt.of(r.getIncidents()));
    }

    private static String lines(List<String> values) {
        return values.isEmpty() ? null : String.join("\n", values);
    }

    private static List<String> values(String lines) {
        return lines == null ? List.of() : Arrays.asList(lines.split("\n"));
    }
}
