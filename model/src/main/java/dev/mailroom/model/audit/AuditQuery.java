package dev.mailroom.model.audit;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * A filter over the audit log: one tenant, a person (name contains, as actor or impersonator), an
 * action (prefix, such as "tenant." or "signin.failed"), a time window, newest first, at most {@code limit}.
 */
public record AuditQuery(
        Optional<TenantId> tenant,
        Optional<String> person,
        Optional<String> action,
        Optional<Instant> from,
        Optional<Instant> to,
        int limit) {

    public static AuditQuery latest(int limit) {
        return new AuditQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }
}
