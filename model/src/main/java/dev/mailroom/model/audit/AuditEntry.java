package dev.mailroom.model.audit;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of the append-only audit log. {@code actor} is whose permissions applied;
 * {@code impersonator} the agency owner when they acted as that user. {@code details} holds
 * before/after values as "key: value" lines and never a secret.
 */
public record AuditEntry(
        long id,
        Instant at,
        Optional<TenantId> tenant,
        Optional<String> tenantName,
        Optional<UserId> actorId,
        String actorName,
        Optional<UserId> impersonatorId,
        Optional<String> impersonatorName,
        String action,
        String target,
        String details,
        Optional<String> previousHash,
        String hash) {}
