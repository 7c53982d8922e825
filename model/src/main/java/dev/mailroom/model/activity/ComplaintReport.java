package dev.mailroom.model.activity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The fields of an RFC 5965 feedback report (ARF) that a complaint keeps, as the reporter wrote
 * them: what a person looking at a complaint needs to judge it and to answer the reporter. A field
 * the report does not carry is empty; fields the RFC allows more than once are lists.
 *
 * <p>Every value is one line of at most {@link #MAX_VALUE} characters, and a list holds at most
 * {@link #MAX_VALUES} values: a report is untrusted input, and what is kept is bounded.
 *
 * @param feedbackType {@code Feedback-Type}, lower case (abuse, fraud, opt-out, auth-failure…); empty
 *     when the report left it out
 * @param userAgent {@code User-Agent}: the reporter's software ("SMP-FBL", "Yahoo!-Mail-Feedback/1.0")
 * @param version {@code Version} of the format, usually "1"
 * @param sourceIp {@code Source-IP}: the address the reported message came from
 * @param arrivalDate {@code Arrival-Date} (or the older {@code Received-Date}) as written
 * @param arrivedAt the same, read as an instant when it is an RFC 5322 date
 * @param reportedDomains {@code Reported-Domain}: the domains the reporter holds responsible
 * @param reportedUris {@code Reported-URI}
 * @param authenticationResults {@code Authentication-Results} as the reporter saw them
 * @param originalMailFrom {@code Original-Mail-From}: the envelope sender of the reported message
 * @param originalRcptTo {@code Original-Rcpt-To}: its envelope recipients (often redacted)
 * @param originalEnvelopeId {@code Original-Envelope-Id}
 * @param reportingMta {@code Reporting-MTA}
 * @param incidents {@code Incidents}: how many times the reporter saw it
 */
public record ComplaintReport(
        String feedbackType,
        Optional<String> userAgent,
        Optional<String> version,
        Optional<String> sourceIp,
        Optional<String> arrivalDate,
        Optional<Instant> arrivedAt,
        List<String> reportedDomains,
        List<String> reportedUris,
        List<String> authenticationResults,
        Optional<String> originalMailFrom,
        List<String> originalRcptTo,
        Optional<String> originalEnvelopeId,
        Optional<String> reportingMta,
        OptionalInt incidents) {
    /** The longest value kept; a longer one is cut and ends with "…". */
    public static final int MAX_VALUE = 1000;
    /** The most values kept of a field that may repeat. */
    public static final int MAX_VALUES = 10;

    public static final ComplaintReport EMPTY = new ComplaintReport(
            "",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            List.of(),
            List.of(),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            OptionalInt.empty());

    public ComplaintReport {
        feedbackType =
                bound(Objects.requireNonNull(feedbackType, "feedbackType")).toLowerCase(Locale.ROOT);
        userAgent = bound(userAgent, "userAgent");
        version = bound(version, "version");
        sourceIp = bound(sourceIp, "sourceIp");
        arrivalDate = bound(arrivalDate, "arrivalDate");
        Objects.requireNonNull(arrivedAt, "arrivedAt");
        reportedDomains = bound(reportedDomains, "reportedDomains");
        reportedUris = bound(reportedUris, "reportedUris");
        authenticationResults = bound(authenticationResults, "authenticationResults");
        originalMailFrom = bound(originalMailFrom, "originalMailFrom");
        originalRcptTo = bound(originalRcptTo, "originalRcptTo");
        originalEnvelopeId = bound(originalEnvelopeId, "originalEnvelopeId");
        reportingMta = bound(reportingMta, "reportingMta");
        Objects.requireNonNull(incidents, "incidents");
        if (incidents.isPresent() && incidents.getAsInt() < 0) {
            throw new IllegalArgumentException("incidents cannot be negative: " + incidents.getAsInt());
        }
    }

    /** True when the report carried none of the fields (a complaint read from a JMRP or plain text). */
    public boolean isEmpty() {
        return equals(EMPTY);
    }

    /**
     * A value as kept: control characters and line breaks as blanks, runs of blanks as one, trimmed,
     * and cut to {@link #MAX_VALUE} characters. One pass over at most a bounded prefix of the input.
     */
    public static String bound(String value) {
        StringBuilder b = new StringBuilder(Math.min(value.length(), MAX_VALUE + 1));
        boolean blank = false;
        for (int i = 0; i < value.length() && b.length() <= MAX_VALUE; i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                blank = b.length() > 0;
                continue;
            }
            if (blank) {
                b.append(' ');
                blank = false;
            }
            b.append(c);
        }
        if (b.length() > MAX_VALUE) {
            b.setLength(MAX_VALUE - 1);
            b.append('…');
        }
        return b.toString();
    }

    private static Optional<String> bound(Optional<String> value, String name) {
        return Objects.requireNonNull(value, name).map(ComplaintReport::bound).filter(v -> !v.isEmpty());
    }

    private static List<String> bound(List<String> values, String name) {
        List<String> out = new ArrayList<>();
        for (String v : Objects.requireNonNull(values, name)) {
            String one = bound(Objects.requireNonNull(v, name));
            if (!one.isEmpty() && !out.contains(one)) {
                out.add(one);
                if (out.size() == MAX_VALUES) {
                    break;
                }
            }
        }
        return List.copyOf(out);
    }
}
