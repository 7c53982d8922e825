package dev.mailroom.app.demo;

import dev.mailroom.app.session.Services;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.dmarc.DmarcImportSummary;
import dev.mailroom.model.dmarc.TlsReport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A month of SMTP TLS reports for one demo domain: Google and Microsoft report daily that MTA-STS
 * was found; for three days a week ago the mail server's certificate had lapsed, and now and then a
 * sender could not fetch the policy file.
 */
final class DemoTls {
    private static final String[][] REPORTERS = {{"Google Inc.", "0.6"}, {"Microsoft Corporation", "0.4"}};

    private DemoTls() {}

    static DmarcImportSummary write(Services s, Actor owner, String domain, int days) {
        Random random = new Random(8460);
        Instant today = s.clock().instant().truncatedTo(ChronoUnit.DAYS);
        List<TlsReport> reports = new ArrayList<>();
        for (int d = days; d >= 1; d--) {
            Instant begin = today.minus(Duration.ofDays(d));
            for (String[] reporter : REPORTERS) {
                double share = Double.parseDouble(reporter[1]);
                long sessions = Math.round(180 * share * (0.8 + 0.4 * random.nextDouble()));
                Map<String, Long> failures = new LinkedHashMap<>();
                if (d >= 7 && d <= 9) {
                    failures.put("certificate-expired", Math.round(sessions * 0.9));
                }
                if (random.nextInt(6) == 0) {
                    failures.put("sts-policy-fetch-error", 1L + random.nextInt(3));
                }
                long failed =
                        failures.values().stream().mapToLong(Long::longValue).sum();
                reports.add(new TlsReport(
                        reporter[0],
                        begin + "_" + domain + "_"
                                + reporter[0].toLowerCase(java.util.Locale.ROOT).replace(' ', '-'),
                        begin,
                        begin.plus(Duration.ofDays(1)).minusSeconds(1),
                        List.of(new TlsReport.Policy(
                                domain, "sts", Math.max(0, sessions - failed), failed, failures))));
            }
        }
        return s.tlsReports().importReports(owner, Optional.empty(), reports, List.of(), "demo");
    }
}
