package dev.mailroom.model.domains;

import dev.mailroom.model.common.Table;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.domains.dns.TxtStrings;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The plan to hand to whoever runs the DNS: a BIND zone snippet, a table for CSV and a printable sheet. */
public final class HandOff {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMM yyyy").withZone(ZoneOffset.UTC);

    private HandOff() {}

    /**
     * A BIND zone-file snippet relative to the domain ({@code $ORIGIN}). Records to keep or already in
     * place are included as comments, so the snippet can be pasted as it is.
     */
    public static String bindSnippet(RecordPlan plan, String agencyName, int ttl, Instant generated) {
        String apex = plan.domain().ascii();
        StringBuilder sb = new StringBuilder();
        sb.append("; DNS records for ").append(plan.domain().unicode());
        if (plan.domain().isInternational()) {
            sb.append(" (").append(apex).append(')');
        }
        sb.append("\n; prepared by ")
                .append(oneLine(agencyName))
                .append(" with Mailroom on ")
                .append(DAY.format(generated))
                .append('\n');
        sb.append("$ORIGIN ").append(apex).append(".\n");
        int width = plan.records().stream()
                .mapToInt(r -> r.relativeHost(apex).length())
                .max()
                .orElse(1);
        for (PlannedRecord r : plan.records()) {
            sb.append('\n')
                    .append("; ")
                    .append(r.kind().label())
                    .append(": ")
                    .append(r.kind().purpose())
                    .append('\n');
            String line = pad(r.relativeHost(apex), width) + " " + ttl + " IN "
                    + pad(r.type().name(), 5) + " " + data(r);
            if (r.action() == PlanAction.KEEP || r.action() == PlanAction.NONE) {
                sb.append("; ")
                        .append(
                                r.action() == PlanAction.KEEP
                                        ? "already published, keep as it is:"
                                        : "already in place:")
                        .append('\n')
                        .append("; ")
                        .append(line.replace("\n", "\n; "))
                        .append('\n');
            } else {
                if (r.action() == PlanAction.UPDATE) {
                    sb.append("; replaces the existing record: ")
                            .append(oneLine(r.existing().orElse("")))
                            .append('\n');
                }
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    private static String data(PlannedRecord r) {
        if (r.type() == DnsType.TXT) {
            List<String> parts = TxtStrings.split(r.value());
            if (parts.size() == 1) {
                return TxtStrings.quote(parts.get(0));
            }
            StringBuilder sb = new StringBuilder("(");
            for (String p : parts) {
                sb.append("\n    ").append(TxtStrings.quote(p));
            }
            return sb.append(" )").toString();
        }
        if (r.type() == DnsType.CNAME) {
            return r.value() + ".";
        }
        if (r.type() == DnsType.MX) {
            return r.value() + ".";
        }
        return r.value();
    }

    /**
     * The plan as a table for a spreadsheet, written as CSV by the console (decision 0043): one row per
     * record, with the full and relative host.
     */
    public static Table table(RecordPlan plan, int ttl) {
        String apex = plan.domain().ascii();
        List<List<String>> rows = new ArrayList<>();
        for (PlannedRecord r : plan.records()) {
            rows.add(List.of(
                    r.kind().label(),
                    r.action().label(),
                    r.type().name(),
                    r.host(),
                    r.relativeHost(apex),
                    r.value(),
                    Integer.toString(ttl),
                    r.kind().purpose()));
        }
        return new Table(List.of("Record", "Action", "Type", "Host", "Name in zone", "Value", "TTL", "Purpose"), rows);
    }

    /**
     * A printable instruction sheet for the client's IT (HTML, print-friendly, no scripts or external
     * resources): what to add or change, where, and why, with the agency's name on it. Records to keep or
     * already in place are listed apart, so nobody deletes them by mistake.
     */
    public static String instructionSheetHtml(
            RecordPlan plan, String agencyName, String clientName, int ttl, Instant generated) {
        String domain = plan.domain().unicode();
        String apex = plan.domain().ascii();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>DNS records for ")
                .append(esc(domain))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#1f2328}h1{font-size:1.5em;margin:0}")
                .append(".by{color:#59636e;margin:.3em 0 1.5em}table{border-collapse:collapse;width:100%}")
                .append("th,td{border:1px solid #d1d9e0;padding:.45em;text-align:left;vertical-align:top}")
                .append("th{background:#f6f8fa}code,pre{font-family:ui-monospace,monospace;font-size:.85em;")
                .append(
                        "word-break:break-all;white-space:pre-wrap}.warn{border-left:4px solid #bf8700;padding:.3em .8em;")
                .append(
                        "background:#fff8c5}@media print{body{margin:0}tr{page-break-inside:avoid}}\n</style></head><body>\n");
        h.append("<h1>DNS records for ").append(esc(domain)).append("</h1>\n");
        h.append("<p class=\"by\">Prepared by ")
                .append(esc(agencyName))
                .append(" for ")
                .append(esc(clientName))
                .append(" on ")
                .append(DAY.format(generated))
                .append(plan.domain().isInternational() ? " · in the DNS the domain is written " + esc(apex) : "")
                .append("</p>\n");
        h.append("<p>Please make these changes at the DNS host of ")
                .append(esc(domain))
                .append(". Use a TTL of ")
                .append(ttl)
                .append(" seconds where the form asks for one. Copy each value exactly: one missing "
                        + "character breaks a key. Some DNS hosts add the domain to the name themselves: then type "
                        + "only the part shown in <em>Name in zone</em>.</p>\n");
        for (String w : plan.warnings()) {
            h.append("<p class=\"warn\">").append(esc(w)).append("</p>\n");
        }
        List<PlannedRecord> todo = plan.toPublish();
        h.append("<h2>To add or change</h2>\n");
        if (todo.isEmpty()) {
            h.append("<p>Nothing: every record is already in place.</p>\n");
        } else {
            table(h, todo, apex, true);
        }
        List<PlannedRecord> keep = plan.records().stream()
                .filter(r -> r.action() == PlanAction.KEEP || r.action() == PlanAction.NONE)
                .toList();
        if (!keep.isEmpty()) {
            h.append("<h2>Already in place: keep as they are</h2>\n");
            table(h, keep, apex, false);
        }
        plan.mtaStsPolicy()
                .ifPresent(p -> h.append("<h2>MTA-STS policy file</h2>\n<p>Serve this text at <code>https://mta-sts.")
                        .append(esc(apex))
                        .append("/.well-known/mta-sts.txt</code> (HTTPS with a valid certificate, "
                                + "content type text/plain):</p>\n<pre>")
                        .append(esc(p))
                        .append("</pre>\n"));
        h.append("<p class=\"by\">Questions about these records: ")
                .append(esc(agencyName))
                .append(".</p>\n</body></html>\n");
        return h.toString();
    }

    private static void table(StringBuilder h, List<PlannedRecord> records, String apex, boolean withAction) {
        h.append("<table><tr><th>Record</th>")
                .append(withAction ? "<th>Action</th>" : "")
                .append("<th>Type</th><th>Name</th><th>Name in zone</th><th>Value</th></tr>\n");
        for (PlannedRecord r : records) {
            h.append("<tr><td><strong>")
                    .append(esc(r.kind().label()))
                    .append("</strong><br>")
                    .append(esc(r.kind().purpose()));
            for (String n : r.notes()) {
                h.append("<br><small>").append(esc(n)).append("</small>");
            }
            h.append("</td>");
            if (withAction) {
                h.append("<td>").append(esc(r.action().label()));
                r.existing()
                        .filter(e -> r.action() == PlanAction.UPDATE)
                        .ifPresent(e -> h.append("<br><small>replaces <code>")
                                .append(esc(e))
                                .append("</code></small>"));
                h.append("</td>");
            }
            h.append("<td>")
                    .append(r.type().name())
                    .append("</td><td><code>")
                    .append(esc(r.host()))
                    .append("</code></td><td><code>")
                    .append(esc(r.relativeHost(apex)))
                    .append("</code></td><td><code>")
                    .append(esc(r.value()))
                    .append("</code></td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }
}
