package dev.mailroom.model.domains;

import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.domains.dns.TxtStrings;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The plan as text to hand to whoever runs the DNS: a BIND zone snippet and a CSV. Pure text generation. */
public final class HandOff {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy").withZone(ZoneOffset.UTC);

    private HandOff() {
    }

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
        sb.append("\n; prepared by ").append(oneLine(agencyName)).append(" with Mailroom on ").append(DAY.format(generated)).append('\n');
        sb.append("$ORIGIN ").append(apex).append(".\n");
        int width = plan.records().stream().mapToInt(r -> r.relativeHost(apex).length()).max().orElse(1);
        for (PlannedRecord r : plan.records()) {
            sb.append('\n').append("; ").append(r.kind().label()).append(": ").append(r.kind().purpose()).append('\n');
            String line = pad(r.relativeHost(apex), width) + " " + ttl + " IN " + pad(r.type().name(), 5) + " " + data(r);
            if (r.action() == PlanAction.KEEP || r.action() == PlanAction.NONE) {
                sb.append("; ").append(r.action() == PlanAction.KEEP ? "already published, keep as it is:" : "already in place:")
                        .append('\n').append("; ").append(line.replace("\n", "\n; ")).append('\n');
            } else {
                if (r.action() == PlanAction.UPDATE) {
                    sb.append("; replaces the existing record: ").append(oneLine(r.existing().orElse(""))).append('\n');
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

    /** CSV (RFC 4180, CRLF line ends): one row per record, with the full and relative host. */
    public static String csv(RecordPlan plan, int ttl) {
        String apex = plan.domain().ascii();
        StringBuilder sb = new StringBuilder();
        row(sb, "Record", "Action", "Type", "Host", "Name in zone", "Value", "TTL", "Purpose");
        for (PlannedRecord r : plan.records()) {
            row(sb, r.kind().label(), r.action().label(), r.type().name(), r.host(), r.relativeHost(apex), r.value(),
                    Integer.toString(ttl), r.kind().purpose());
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells[i];
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r") || c.startsWith(" ")) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        sb.append("\r\n");
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }
}
