package dev.mailroom.model.dmarc;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One SMTP TLS report (RFC 8460): which organisation reported, for which period, and per policy
 * domain the sessions that succeeded and failed, failures counted by result type
 * ({@code certificate-expired}, {@code starttls-not-supported}, {@code sts-policy-fetch-error}…).
 */
public record TlsReport(String organisation, String reportId, Instant begin, Instant end, List<Policy> policies) {
    public TlsReport {
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(begin, "begin");
        Objects.requireNonNull(end, "end");
        policies = List.copyOf(policies);
    }

    /**
     * @param type {@code sts}, {@code tlsa} or {@code no-policy-found}
     * @param failuresByType failed sessions per result type, largest first
     */
    public record Policy(String domain, String type, long succeeded, long failed, Map<String, Long> failuresByType) {
        public Policy {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(type, "type");
            failuresByType = Map.copyOf(failuresByType);
        }
    }
}
