package dev.mailroom.model.billing;

import dev.mailroom.model.activity.CountedName;
import dev.mailroom.model.activity.EventTotals;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.Thresholds;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One tenant's month in the words of its white-label report: totals against last month, the daily
 * volume, rates against the mailbox providers' lines, and the domains that bounced most.
 *
 * @param daily counts per UTC day of the month, in order
 */
public record ClientReport(
        String agencyName,
        String accentColor,
        String tenantName,
        YearMonth month,
        EventTotals thisMonth,
        EventTotals lastMonth,
        Map<LocalDate, EventTotals> daily,
        List<CountedName> topBouncingDomains) {
    public ClientReport {
        Objects.requireNonNull(month, "month");
        daily = Map.copyOf(daily);
        topBouncingDomains = List.copyOf(topBouncingDomains);
    }

    /**
     * "Able Moose Group 2026-11 report.pdf": the client's name kept readable, nothing a file system (or a
     * mail attachment's name) refuses.
     */
    public static String fileName(String clientName, YearMonth month) {
        StringBuilder b = new StringBuilder();
        clientName.codePoints().limit(120).forEach(c -> {
            boolean keep = Character.isLetterOrDigit(c) || c == ' ' || c == '.' || c == '_' || c == '-';
            b.appendCodePoint(keep ? c : '_');
        });
        String name = b.toString().strip();
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            name = "client";
        }
        return name + " " + month + " report.pdf";
    }

    /** What a client reads first: plain sentences, no jargon, numbers with separators. */
    public List<String> summary() {
        List<String> out = new ArrayList<>();
        long sent = thisMonth.sent();
        long before = lastMonth.sent();
        String trend = before == 0
                ? (sent == 0 ? "" : " (none the month before)")
                : String.format(
                        " (%s%.1f %% on last month's %,d)",
                        sent >= before ? "+" : "−", Math.abs(100.0 * (sent - before) / before), before);
        out.add(String.format("We sent %,d emails for you in %s%s.", sent, monthName(), trend));
        if (sent == 0) {
            out.add("No emails were sent this month, so there are no delivery figures.");
            return out;
        }
        out.add(String.format(
                "%,d were delivered to the recipients' mail servers (%s).",
                thisMonth.delivered(), percent(thisMonth.deliveryRate())));
        out.add(bounceSentence());
        out.add(complaintSentence());
        long rejected = thisMonth.count(EventType.REJECTED);
        if (rejected > 0) {
            out.add(String.format(
                    "%,d emails were held back before sending, because the address had bounced or unsubscribed before,"
                            + " or the monthly limit was reached. This protects your reputation.",
                    rejected));
        }
        return out;
    }

    private String bounceSentence() {
        double rate = thisMonth.bounceRate().orElse(0);
        String judged = switch (Thresholds.bounce(rate)) {
            case OK -> "within what mailbox providers accept (2 % or less)";
            case WARNING -> "above the 2 % that mailbox providers start to watch; we are cleaning the list";
            case OVER_LIMIT -> "above the 5 % at which mailbox providers block mail; we need to act together";
        };
        return String.format("%,d bounced (%s), %s.", thisMonth.bounced(), percent(thisMonth.bounceRate()), judged);
    }

    private String complaintSentence() {
        long complaints = thisMonth.count(EventType.COMPLAINED);
        double rate = thisMonth.complaintRate().orElse(0);
        String judged = switch (Thresholds.complaint(rate)) {
            case OK -> "within the 0.1 % Gmail and Yahoo ask for";
            case WARNING -> "above the 0.1 % Gmail and Yahoo ask for, below their 0.3 % limit";
            case OVER_LIMIT -> "above the 0.3 % limit of Gmail and Yahoo; mail may go to spam";
        };
        return String.format(
                "%,d recipients marked an email as spam (%s), %s.",
                complaints, percent(thisMonth.complaintRate()), judged);
    }

    public String monthName() {
        return month.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " "
                + month.getYear();
    }

    public static String percent(OptionalDouble rate) {
        return rate.isEmpty() ? "—" : String.format("%.2f %%", 100 * rate.getAsDouble());
    }
}
