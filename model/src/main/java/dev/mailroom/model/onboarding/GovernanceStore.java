package dev.mailroom.model.onboarding;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.OutboxId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: each tenant's escalation, pause policy and review samples. */
public interface GovernanceStore {
    Optional<Governance> find(TenantId tenant);

    /** Inserts or replaces the tenant's row. */
    void put(Governance governance);

    /** Every tenant's row that was ever set, for the agency overview: crosses tenants by design. */
    Map<TenantId, Governance> acrossTenants();

    /** Keeps a sent (or about to be sent) message for content review. */
    void keepForReview(TenantId tenant, OutboxId message, Instant at);

    /** The tenant's kept messages, newest first, with their outbox state and review. */
    List<ReviewSample> reviewSamples(TenantId tenant, int limit);

    /** Marks a kept message as reviewed; false when it is not one of the tenant's samples. */
    boolean markReviewed(TenantId tenant, OutboxId message, String by, Instant at, String note);
}
