package dev.mailroom.mailer.activity;

import dev.mailroom.model.activity.ComplaintReport;
import dev.mailroom.model.activity.DeliveryAction;
import dev.mailroom.model.activity.InboundReport;
import dev.mailroom.model.activity.ReportKind;
import dev.mailroom.model.activity.ReportedRecipient;
import dev.mailroom.model.activity.Severity;
import jakarta.mail.internet.MailDateFormat;
import java.text.ParsePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feedback reports: RFC 5965 ARF ({@code message/feedback-report}, also when a provider forgets the
 * MIME structure), Microsoft's JMRP (the complained-about message attached with an
 * {@code X-HmXmrOriginalRecipient} header), Apple Mail's unsubscribe message
 * ({@code X-Apple-Unsubscribe: true}), and DMARC failure reports sent as plain text.
 */
final class Feedback {
    private static final Pattern FEEDBACK_TYPE = Pattern.compile("(?im)^Feedback-Type:\\s*\\S");
    private static final Pattern JMRP = Pattern.compile("(?im)^X-HmXmrOriginalRecipient:\\s*(\\S+)");
    private static final Pattern MICROSOFT = Pattern.compile("(?i)@(hotmail|outlook|msn|live)\\.com\\b");
    private static final Pattern DMARC_SUBJECT =
            Pattern.compile("(?i)dmarc.*(failure|forensic)|(failure|forensic).*dmarc");
    private static final Pattern TO = Pattern.compile("(?im)^To:[ \\t]*([^\\r\\n]*(?:\\r?\\n[ \\t]+[^\\r\\n]*)*)");

    private Feedback() {}

    static Optional<InboundReport> read(MessageParts parts, BounceParser.Headers top, Optional<String> originalId) {
        List<Fields> groups = new ArrayList<>();
        String how;
        if (!parts.feedback.isEmpty()) {
            for (String f : parts.feedback) {
                groups.addAll(Fields.groups(f));
            }
            how = "an RFC 5965 feedback report";
        } else if (parts.reportTypeFeedback || FEEDBACK_TYPE.matcher(parts.all).find()) {
            for (Fields g : Fields.groups(parts.all.toString())) {
                if (g.has("feedback-type")) {
                    groups.add(g);
                }
            }
            how = "a feedback report without its MIME structure";
        } else {
            how = "";
        }
        if (!groups.isEmpty()) {
            String type = groups.stream()
                    .flatMap(g -> g.first("feedback-type").stream())
                    .map(ComplaintReport::bound)
                    .filter(t -> !t.isEmpty())
                    .findFirst()
                    .orElse("abuse");
            Set<String> rcpts = new LinkedHashSet<>();
            for (Fields g : groups) {
                for (String r : g.all("original-rcpt-to")) {
                    add(rcpts, r);
                }
            }
            if (rcpts.isEmpty()) {
                for (Fields g : groups) {
                    for (String r : g.all("removal-recipient")) {
                        add(rcpts, r);
                    }
                }
            }
            if (rcpts.isEmpty()) {
                jmrpOrTo(parts, rcpts);
            }
            String more = "";
            if (rcpts.size() > MAX_RECIPIENTS) {
                // A complaint is about one message; a report naming thousands of recipients must not
                // become thousands of complaints (and suppressions).
                rcpts = new LinkedHashSet<>(new ArrayList<>(rcpts).subList(0, MAX_RECIPIENTS));
                more = " It names more than " + MAX_RECIPIENTS + " recipients; only the first " + MAX_RECIPIENTS
                        + " were kept.";
            }
            return Optional.of(report(
                    type,
                    rcpts,
                    originalId,
                    "Read as " + how + " (" + type.toLowerCase(Locale.ROOT) + ")." + more,
                    details(groups),
                    Optional.of(complaint(groups))));
        }
        String inlineJmrp = top.header("X-HmXmrOriginalRecipient").trim();
        if (!inlineJmrp.isEmpty() && MICROSOFT.matcher(top.returnPath).find()) {
            // JMRP forwarded without its wrapper: the complained-about message itself, with
            // Microsoft's header naming the recipient added on top.
            Set<String> rcpts = new LinkedHashSet<>();
            add(rcpts, inlineJmrp);
            return Optional.of(report(
                    "abuse",
                    rcpts,
                    originalId.or(
                            () -> Optional.of(top.header("Message-ID").trim()).filter(m -> !m.isEmpty())),
                    "Read as a Microsoft JMRP complaint (abuse).",
                    ""));
        }
        Matcher jmrp = JMRP.matcher(parts.all);
        if (jmrp.find()) {
            Set<String> rcpts = new LinkedHashSet<>();
            jmrpOrTo(parts, rcpts);
            return Optional.of(report("abuse", rcpts, originalId, "Read as a Microsoft JMRP complaint (abuse).", ""));
        }
        if (top.header("X-Apple-Unsubscribe").trim().equalsIgnoreCase("true")) {
            Set<String> rcpts = new LinkedHashSet<>();
            add(rcpts, top.from);
            return Optional.of(report(
                    "opt-out",
                    rcpts,
                    originalId.or(top::inReplyTo),
                    "Read as an unsubscribe request sent by Apple Mail (opt-out).",
                    ""));
        }
        if (DMARC_SUBJECT.matcher(top.subject).find()) {
            Set<String> rcpts = new LinkedHashSet<>();
            jmrpOrTo(parts, rcpts);
            return Optional.of(report(
                    "auth-failure",
                    rcpts,
                    originalId,
                    "Read as a DMARC failure report in plain text (auth-failure).",
                    ""));
        }
        return Optional.empty();
    }

    /** Who the complained-about message went to, from the copy of it. */
    private static void jmrpOrTo(MessageParts parts, Set<String> rcpts) {
        Matcher jmrp = JMRP.matcher(parts.all);
        if (jmrp.find()) {
            add(rcpts, jmrp.group(1));
            return;
        }
        List<String> sources = new ArrayList<>(parts.originalHeaders);
        String all = parts.all.toString();
        int copy = all.toLowerCase(Locale.ROOT).indexOf("this is a copy of the headers");
        if (copy >= 0) {
            sources.add(MessageParts.headerSection(all.substring(all.indexOf('\n', copy) + 1)));
        }
        for (String headers : sources) {
            Matcher to = TO.matcher(headers);
            if (to.find()) {
                String a = BounceParser.address(to.group(1));
                if (a.contains("@")) {
                    rcpts.add(a);
                    return;
                }
            }
        }
    }

    private static void add(Set<String> rcpts, String value) {
        if (rcpts.size() > MAX_RECIPIENTS) {
            return;
        }
        String a = BounceParser.address(ComplaintReport.bound(value));
        if (!a.isEmpty()) {
            rcpts.add(a);
        }
    }

    /** The most recipients one report makes complaints for (as many as its kept Original-Rcpt-To values). */
    static final int MAX_RECIPIENTS = ComplaintReport.MAX_VALUES;

    /**
     * The longest {@link #details} can be: each field's label, at most {@link ComplaintReport#MAX_VALUES}
     * values of at most 301 characters and their separators.
     */
    static final int MAX_DETAILS = 16 * (40 + ComplaintReport.MAX_VALUES * (301 + 2));

    /** The RFC 5965 fields a complaint's detail shows, in the RFC's order, as one line. */
    static final List<String> ARF_FIELDS = List.of(
            "feedback-type",
            "user-agent",
            "version",
            "source-ip",
            "arrival-date",
            "reported-domain",
            "reported-uri",
            "authentication-results",
            "original-envelope-id",
            "original-mail-from",
            "original-rcpt-to",
            "reporting-mta",
            "incidents",
            "auth-failure",
            "delivery-result",
            "identity-alignment");

    static String details(List<Fields> groups) {
        StringBuilder b = new StringBuilder();
        for (String name : ARF_FIELDS) {
            Set<String> values = new LinkedHashSet<>();
            for (Fields g : groups) {
                for (String v : g.all(name)) {
                    String one = BounceParser.oneLine(v);
                    if (!one.isEmpty() && values.size() < ComplaintReport.MAX_VALUES) {
                        values.add(one.length() > 300 ? one.substring(0, 300) + "…" : one);
                    }
                }
            }
            if (values.isEmpty()) {
                continue;
            }
            if (b.length() > 0) {
                b.append(" · ");
            }
            b.append(label(name)).append(": ").append(String.join(", ", values));
        }
        return b.toString();
    }

    private static String label(String name) {
        StringBuilder b = new StringBuilder();
        boolean up = true;
        for (char c : name.toCharArray()) {
            b.append(up ? Character.toUpperCase(c) : c);
            up = c == '-';
        }
        return b.toString().replace("Ip", "IP").replace("Uri", "URI").replace("Mta", "MTA");
    }

    private static InboundReport report(
            String type, Set<String> rcpts, Optional<String> originalId, String note, String details) {
        return report(type, rcpts, originalId, note, details, Optional.empty());
    }

    /**
     * Every RFC 5965 field of the report's field groups, each bounded ({@link ComplaintReport#bound}):
     * a field given once takes its first value, a repeatable one keeps each distinct value. The older
     * {@code Received-Date} stands in for a missing {@code Arrival-Date}.
     */
    static ComplaintReport complaint(List<Fields> groups) {
        Optional<String> arrival = first(groups, "arrival-date").or(() -> first(groups, "received-date"));
        return new ComplaintReport(
                first(groups, "feedback-type").orElse(""),
                first(groups, "user-agent"),
                first(groups, "version"),
                first(groups, "source-ip"),
                arrival,
                arrival.flatMap(Feedback::instant),
                all(groups, "reported-domain"),
                all(groups, "reported-uri"),
                all(groups, "authentication-results"),
                first(groups, "original-mail-from"),
                all(groups, "original-rcpt-to"),
                first(groups, "original-envelope-id"),
                first(groups, "reporting-mta"),
                first(groups, "incidents").map(Feedback::count).orElse(OptionalInt.empty()));
    }

    private static Optional<String> first(List<Fields> groups, String name) {
        for (Fields g : groups) {
            for (String v : g.all(name)) {
                String one = ComplaintReport.bound(v);
                if (!one.isEmpty()) {
                    return Optional.of(one);
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> all(List<Fields> groups, String name) {
        List<String> out = new ArrayList<>();
        for (Fields g : groups) {
            out.addAll(g.all(name));
        }
        return out;
    }

    /** An RFC 5322 date ("Thu, 29 Apr 2009 00:00:00 -0000 (EST)"); anything else is left unread. */
    static Optional<Instant> instant(String date) {
        if (date.length() > 120) {
            return Optional.empty();
        }
        try {
            Date d = new MailDateFormat().parse(date, new ParsePosition(0));
            return Optional.ofNullable(d).map(Date::toInstant);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code Incidents}: a count of up to nine digits; anything else is left unread. */
    static OptionalInt count(String value) {
        String v = value.trim();
        if (v.isEmpty() || v.length() > 9) {
            return OptionalInt.empty();
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.of(Integer.parseInt(v));
    }

    private static InboundReport report(
            String type,
            Set<String> rcpts,
            Optional<String> originalId,
            String note,
            String details,
            Optional<ComplaintReport> complaint) {
        String t = type.trim().toLowerCase(Locale.ROOT);
        List<ReportedRecipient> out = new ArrayList<>();
        if (rcpts.isEmpty()) {
            // The reporter redacted the recipient: the Message-ID may still find it in what was sent.
            rcpts = Set.of("");
        }
        for (String r : rcpts) {
            out.add(new ReportedRecipient(
                    r,
                    Optional.empty(),
                    DeliveryAction.FAILED,
                    Optional.empty(),
                    false,
                    OptionalInt.empty(),
                    details,
                    Severity.NONE,
                    Optional.of(t)));
        }
        return new InboundReport(ReportKind.FEEDBACK, out, originalId, note, complaint);
    }
}
