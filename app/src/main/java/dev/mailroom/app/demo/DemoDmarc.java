package dev.mailroom.app.demo;

import dev.mailroom.app.session.Services;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.dmarc.AggregateReport;
import dev.mailroom.model.dmarc.DmarcImportSummary;
import dev.mailroom.model.dmarc.PublishedPolicy;
import dev.mailroom.model.dmarc.ReportRow;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A month of believable DMARC aggregate reports for one demo domain: Google, Microsoft and Yahoo
 * report daily; the client's relay and Google Workspace are aligned, a CRM signs with its own
 * domain for part of its mail (so the advisor says to fix it first), a mailing list forwards a
 * little, and a spoofer tries now and then.
 */
final class DemoDmarc {
    private record Source(String ip, int perDay, double dkim, double spf, String envelope, String dkimDomain) {}

    private static final List<Source> SOURCES = List.of(
            new Source("192.0.2.25", 620, 0.998, 0.995, "bounces.relay.example", "tryablemoose.com"),
            new Source("209.85.220.41", 140, 1.0, 1.0, "tryablemoose.com", "tryablemoose.com"),
            new Source("198.51.100.40", 45, 0.86, 0.0, "mailer.crm.example", "tryablemoose.com"),
            new Source("203.0.113.77", 6, 0.0, 0.0, "lists.example.org", "lists.example.org"),
            new Source("45.83.0.9", 3, 0.0, 0.0, "tryablemoose.com", ""));

    private static final String[][] REPORTERS = {
        {"google.com", "noreply-dmarc-support@google.com", "0.55"},
        {"Outlook.com", "dmarcreport@microsoft.com", "0.30"},
        {"Yahoo", "dmarchelp@yahooinc.com", "0.15"},
    };

    private DemoDmarc() {}

    static DmarcImportSummary write(Services s, Actor owner, String domain, int days) {
        Random random = new Random(13);
        Instant today = s.clock().instant().truncatedTo(ChronoUnit.DAYS);
        List<AggregateReport> reports = new ArrayList<>();
        for (int d = days; d >= 1; d--) {
            Instant begin = today.minus(Duration.ofDays(d));
            for (String[] reporter : REPORTERS) {
                double share = Double.parseDouble(reporter[2]);
                List<ReportRow> rows = new ArrayList<>();
                for (Source src : SOURCES) {
                    if (src.perDay() < 5 && random.nextInt(3) != 0) {
                        continue;
                    }
                    int n = (int) Math.round(src.perDay() * share * (0.8 + 0.4 * random.nextDouble()));
                    if (n == 0) {
                        continue;
                    }
                    int dkim = binomial(random, n, src.dkim());
                    int spf = binomial(random, n, src.spf());
                    int both = Math.min(dkim, spf);
                    // Rows by outcome: both aligned, DKIM only, SPF only, neither.
                    add(rows, src, both, true, true);
                    add(rows, src, dkim - both, true, false);
                    add(rows, src, spf - both, false, true);
                    add(rows, src, n - dkim - spf + both, false, false);
                }
                reports.add(new AggregateReport(
                        reporter[0],
                        reporter[1],
                        reporter[0].toLowerCase(java.util.Locale.ROOT) + "-" + begin.getEpochSecond(),
                        begin,
                        begin.plus(Duration.ofDays(1)).minusSeconds(1),
                        new PublishedPolicy(domain, "none", "none", 100, "r", "r"),
                        rows));
            }
        }
        return s.dmarc().importReports(owner, Optional.empty(), reports, List.of(), "demo");
    }

    private static void add(List<ReportRow> rows, Source src, int n, boolean dkim, boolean spf) {
        if (n <= 0) {
            return;
        }
        rows.add(new ReportRow(
                src.ip(), n, "none", dkim, spf, "tryablemoose.com", src.envelope(), src.dkimDomain(), src.envelope()));
    }

    private static int binomial(Random r, int n, double p) {
        if (p >= 1) {
            return n;
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (r.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }
}
