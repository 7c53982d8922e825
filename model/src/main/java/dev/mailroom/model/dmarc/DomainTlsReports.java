package dev.mailroom.model.dmarc;

import dev.mailroom.model.activity.CountedName;
import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A domain's SMTP TLS reports over [from, to): sessions that succeeded and failed, failed sessions per
 * result type, the reporters, and the policy type the newest report saw ({@code sts} when MTA-STS was
 * found, {@code no-policy-found} when senders found none).
 */
public record DomainTlsReports(
        TenantId tenant,
        String domain,
        Instant from,
        Instant to,
        int reports,
        long succeeded,
        long failed,
        List<CountedName> failures,
        List<TlsReporter> reporters,
        Optional<String> policyType) {
    public DomainTlsReports {
        failures = List.copyOf(failures);
        reporters = List.copyOf(reporters);
    }

    public long sessions() {
        return succeeded + failed;
    }
}
