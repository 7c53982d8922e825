package dev.mailroom.model.domains;

import java.util.List;
import java.util.Optional;

/**
 * One domain's result in "check all domains": its checks, the records that broke since the previous
 * check (were found, are not now), or the error that stopped the check.
 */
public record DomainCheckResult(
        SendingDomain domain, List<RecordCheck> checks, List<RecordCheck> broke, Optional<String> error) {
    public DomainCheckResult {
        checks = List.copyOf(checks);
        broke = List.copyOf(broke);
    }

    /** Every record found. */
    public boolean allFound() {
        return error.isEmpty() && checks.stream().allMatch(c -> c.status() == CheckStatus.FOUND);
    }
}
