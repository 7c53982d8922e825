package dev.mailroom.model.sending;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: warm-up plans, tenants' limit settings, and what was sent in a period (read from the outbox). */
public interface SendingLimitStore {
    List<WarmupPlan> plans(TenantId tenant);

    /** Inserts or replaces the plan for its scope. */
    void putPlan(TenantId tenant, WarmupPlan plan);

    boolean removePlan(TenantId tenant, WarmupPlan.Scope kind, String scope);

    Optional<TenantLimits> settings(TenantId tenant);

    void putSettings(TenantLimits settings);

    /** Messages of one From address of the tenant that count towards today's limits. */
    record Counted(String domain, String fromAddress, long count) {}

    /** Per domain and From address (lower-case): the tenant's messages SENT in {@code [from, to)}. */
    List<Counted> countSent(TenantId tenant, Instant from, Instant to);

    /** A message claimed and not yet recorded (SENDING). */
    record InFlight(OutboxId id, String domain, String fromAddress) {}

    /** The tenant's messages in SENDING now. */
    List<InFlight> sending(TenantId tenant);

    /** Every tenant's plans, for the agency overview: crosses tenants by design. */
    Map<TenantId, List<WarmupPlan>> plansAcrossTenants();

    /** Every tenant's settings that were ever set, for the agency overview: crosses tenants by design. */
    Map<TenantId, TenantLimits> settingsAcrossTenants();
}
