package dev.mailroom.model.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A TLS report is checked whole before anything of it is stored; each refusal says why. */
class TlsReportCheckTest {
    private static final Instant BEGIN = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-11-01T23:59:59Z");

    private static TlsReport.Policy policy(String domain, long ok, long failed, Map<String, Long> byType) {
        return new TlsReport.Policy(domain, "sts", ok, failed, byType);
    }

    private static TlsReport report(String org, String id, Instant end, List<TlsReport.Policy> policies) {
        return new TlsReport(org, id, BEGIN, end, policies);
    }

    @Test
    void aWellFormedReportPasses() {
        assertThat(TlsReportService.problem(report(
                        "Google Inc.",
                        "r-1",
                        END,
                        List.of(policy("acme.example", 10, 2, Map.of("certificate-expired", 2L))))))
                .isEmpty();
    }

    @Test
    void eachBrokenReportIsRefusedInWords() {
        List<TlsReport.Policy> one = List.of(policy("acme.example", 1, 0, Map.of()));
        Map<String, Long> types = new HashMap<>();
        for (int i = 0; i <= TlsReportService.MAX_RESULT_TYPES; i++) {
            types.put("type-" + i, 1L);
        }
        List<TlsReport.Policy> many = new ArrayList<>();
        for (int i = 0; i <= TlsReportService.MAX_POLICIES; i++) {
            many.add(policy("d" + i + ".example", 1, 0, Map.of()));
        }
        Map<TlsReport, String> cases = Map.of(
                report(" ", "r-1", END, one), "names no organisation",
                report("Google Inc.", "", END, one), "has no report id",
                report("Google Inc.", "r-1", BEGIN.minusSeconds(1), one), "ends before it begins",
                report("Google Inc.", "r-1", END, List.of()), "holds no policy",
                report("Google Inc.", "r-1", END, many), "more than 1000 policies",
                report("Google Inc.", "r-1", END, List.of(policy("", 1, 0, Map.of()))), "without a valid domain",
                report("Google Inc.", "r-1", END, List.of(policy("acme.example", 1, -1, Map.of()))),
                        "counts negative sessions",
                report("Google Inc.", "r-1", END, List.of(policy("acme.example", Long.MAX_VALUE, 0, Map.of()))),
                        "more sessions than any sender",
                report("Google Inc.", "r-1", END, List.of(policy("acme.example", 1, 101, types))),
                        "more than 100 failure types");
        cases.forEach((r, words) -> assertThat(TlsReportService.problem(r))
                .as(words)
                .get()
                .asString()
                .contains(words)
                .endsWith("."));
    }
}
