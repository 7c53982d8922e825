package dev.mailroom.model.onboarding;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.activity.EventStore;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.sending.OutboxId;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantStatus;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The escalation ladder (restrict, suspend, ban; lift), the automatic-pause policy and probation
 * review. Restricting, suspending and lifting need {@link Permission#ESCALATION_MANAGE} (Admin, Owner);
 * a ban archives the tenant, so it (and lifting it) also needs {@link Permission#TENANT_ARCHIVE}
 * (Owner). Every change needs a reason and is audited in its transaction. The outbox enforces the
 * result at its claim ({@link GovernanceGate}).
 */
public final class EscalationService {
    public static final int MAX_REASON = 1000;
    public static final int MAX_CAP = 1_000_000;
    public static final int MAX_REVIEW_ONE_IN = 10_000;

    private final GovernanceStore store;
    private final TenantStore tenants;
    private final EventStore events;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;

    public EscalationService(
            GovernanceStore store,
            TenantStore tenants,
            EventStore events,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.events = events;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** A tenant's escalation and its figures against the pause policy, with what crossed (if anything). */
    public record Standing(Governance governance, ReputationCheck figures, Optional<ReputationCheck.Finding> finding) {
        /** The overview's flag in words: the escalation, else a crossing the policy only flags; empty when neither. */
        public String flag() {
            if (governance.level().isPresent()) {
                return governance.describe();
            }
            return finding.map(f -> "Pause warning: " + f.words()).orElse("");
        }

        public boolean needsAttention() {
            return governance.level().isPresent() || finding.isPresent();
        }
    }

    public Standing standing(Actor actor, TenantId tenant) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.TENANT_VIEW);
            return read(tenant);
        });
    }

    /** The overview's Escalation column: every tenant the actor may see. */
    public Map<TenantId, Standing> standingOfVisibleTenants(Actor actor) {
        return tx.inTransaction(() -> {
            TenantScope scope = access.scope(actor);
            Map<TenantId, Governance> rows = store.acrossTenants();
            Map<TenantId, Standing> out = new HashMap<>();
            for (Tenant t : tenants.list(scope)) {
                Governance g = rows.getOrDefault(t.id(), Governance.defaults(t.id()));
                ReputationCheck check = Reputation.check(events, g, clock);
                out.put(t.id(), new Standing(g, check, check.finding()));
            }
            return out;
        });
    }

    private Standing read(TenantId tenant) {
        Governance g = store.find(tenant).orElse(Governance.defaults(tenant));
        ReputationCheck check = Reputation.check(events, g, clock);
        return new Standing(g, check, check.finding());
    }

    public Governance restrict(Actor actor, TenantId tenant, int dailyCap, String reason) {
        if (dailyCap < 1 || dailyCap > MAX_CAP) {
            throw new InvalidInput("cap", String.format(Locale.ROOT, "A daily cap is between 1 and %,d.", MAX_CAP));
        }
        String why = reason(reason);
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.ESCALATION_MANAGE);
            Tenant t = active(tenant);
            Governance before = current(tenant);
            if (before.is(EscalationLevel.BANNED)) {
                throw new Conflict("\"" + t.name() + "\" is banned. Lift the ban first.");
            }
            return change(actor, t, before, EscalationLevel.RESTRICTED, OptionalInt.of(dailyCap), why);
        });
    }

    public Governance suspend(Actor actor, TenantId tenant, String reason) {
        String why = reason(reason);
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.ESCALATION_MANAGE);
            Tenant t = active(tenant);
            Governance before = current(tenant);
            if (before.is(EscalationLevel.BANNED)) {
                throw new Conflict("\"" + t.name() + "\" is banned. Lift the ban first.");
            }
            if (before.is(EscalationLevel.SUSPENDED) && !before.automatic()) {
                throw new Conflict("\"" + t.name() + "\" is already suspended.");
            }
            return change(actor, t, before, EscalationLevel.SUSPENDED, OptionalInt.empty(), why);
        });
    }

    /** Suspends the tenant for good and archives it: its queued mail is rejected at the claim, never sent. */
    public Governance ban(Actor actor, TenantId tenant, String reason) {
        String why = reason(reason);
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.TENANT_ARCHIVE);
            Tenant t = load(tenant);
            Governance before = current(tenant);
            if (before.is(EscalationLevel.BANNED)) {
                throw new Conflict("\"" + t.name() + "\" is already banned.");
            }
            if (!t.isArchived()) {
                tenants.setStatus(tenant, TenantStatus.ARCHIVED, Optional.of(clock.instant()));
            }
            return change(actor, t, before, EscalationLevel.BANNED, OptionalInt.empty(), why);
        });
    }

    /**
     * Lifts whatever escalation is in force: held mail goes at the next claim. Lifting a ban also restores
     * the tenant from the archive, and needs the Owner. After a person lifts an automatic pause, the policy
     * only flags for the rest of its window: the figures that crossed are still in it, and the person decided.
     */
    public Governance lift(Actor actor, TenantId tenant, String reason) {
        String why = reason(reason);
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.ESCALATION_MANAGE);
            Tenant t = load(tenant);
            Governance before = current(tenant);
            if (before.level().isEmpty()) {
                throw new Conflict("\"" + t.name() + "\" is not restricted, suspended or banned.");
            }
            if (before.is(EscalationLevel.BANNED)) {
                access.require(actor, tenant, Permission.TENANT_ARCHIVE);
                if (t.isArchived()) {
                    tenants.setStatus(tenant, TenantStatus.ACTIVE, Optional.empty());
                }
            } else {
                requireActive(t);
            }
            Instant now = clock.instant();
            Governance after = before.escalated(
                    Optional.empty(),
                    OptionalInt.empty(),
                    why,
                    actor.realPerson().name(),
                    now,
                    false);
            store.put(after);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("reason", why);
            details.put("before", before.describe());
            audit.record(actor, tenant, t.name(), "escalation.lifted", t.name(), details);
            return after;
        });
    }

    public Governance setPausePolicy(Actor actor, TenantId tenant, PausePolicy policy, int minSent, int windowDays) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (minSent < 1 || minSent > 10_000_000) {
            problems.put("minSent", "The fewest messages is between 1 and 10,000,000.");
        }
        if (windowDays < 1 || windowDays > 90) {
            problems.put("window", "The window is between 1 and 90 days.");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.ESCALATION_MANAGE);
            Tenant t = active(tenant);
            Governance before = current(tenant);
            Governance after = before.withPolicy(policy, minSent, windowDays);
            store.put(after);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("policy", policy.name());
            details.put("at least", Integer.toString(minSent));
            details.put("window days", Integer.toString(windowDays));
            details.put("before", before.pausePolicy().name());
            audit.record(actor, tenant, t.name(), "escalation.policy.set", t.name(), details);
            return after;
        });
    }

    /** 1 in {@code oneIn} messages sent during probation is kept for review. */
    public Governance setReviewSampling(Actor actor, TenantId tenant, int oneIn) {
        if (oneIn < 1 || oneIn > MAX_REVIEW_ONE_IN) {
            throw new InvalidInput(
                    "oneIn", String.format(Locale.ROOT, "Keep 1 in 1 to 1 in %,d messages.", MAX_REVIEW_ONE_IN));
        }
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.ESCALATION_MANAGE);
            Tenant t = active(tenant);
            Governance before = current(tenant);
            Governance after = before.withReviewOneIn(OptionalInt.of(oneIn));
            store.put(after);
            audit.record(
                    actor,
                    tenant,
                    t.name(),
                    "escalation.review.sampling",
                    t.name(),
                    Map.of("one in", Integer.toString(oneIn), "before", Integer.toString(before.reviewEvery())));
            return after;
        });
    }

    /** The Review page: messages kept during probation, newest first. */
    public List<ReviewSample> reviewSamples(Actor actor, TenantId tenant, int limit) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.ESCALATION_MANAGE);
            return store.reviewSamples(tenant, Math.max(1, Math.min(limit, 1000)));
        });
    }

    public void markReviewed(Actor actor, TenantId tenant, OutboxId message, String note) {
        String clean = note == null ? "" : note.strip();
        if (clean.length() > MAX_REASON) {
            throw new InvalidInput("note", "A note is at most " + MAX_REASON + " characters.");
        }
        tx.run(() -> {
            access.require(actor, tenant, Permission.ESCALATION_MANAGE);
            Tenant t = load(tenant);
            if (!store.markReviewed(tenant, message, actor.realPerson().name(), clock.instant(), clean)) {
                throw new NotFound("That message is not kept for review.");
            }
            audit.record(
                    actor,
                    tenant,
                    t.name(),
                    "escalation.review.done",
                    Long.toString(message.value()),
                    clean.isEmpty() ? Map.of() : Map.of("note", clean));
        });
    }

    private Governance change(
            Actor actor, Tenant t, Governance before, EscalationLevel level, OptionalInt cap, String why) {
        Governance after = before.escalated(
                Optional.of(level), cap, why, actor.realPerson().name(), clock.instant(), false);
        store.put(after);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", why);
        cap.ifPresent(c -> details.put("daily cap", Integer.toString(c)));
        details.put("before", before.level().isEmpty() ? "none" : before.describe());
        audit.record(actor, t.id(), t.name(), "escalation." + level.name().toLowerCase(Locale.ROOT), t.name(), details);
        return after;
    }

    private static String reason(String reason) {
        String r = reason == null ? "" : reason.strip();
        if (r.isEmpty()) {
            throw new InvalidInput("reason", "Say why: the reason goes into the audit log.");
        }
        if (r.length() > MAX_REASON) {
            throw new InvalidInput("reason", "A reason is at most " + MAX_REASON + " characters.");
        }
        return r;
    }

    private Governance current(TenantId tenant) {
        return store.find(tenant).orElse(Governance.defaults(tenant));
    }

    private Tenant load(TenantId id) {
        return tenants.find(id).orElseThrow(() -> new NotFound("No such client, or you have no access to it."));
    }

    private Tenant active(TenantId id) {
        return requireActive(load(id));
    }

    private static Tenant requireActive(Tenant t) {
        if (t.isArchived()) {
            throw new Conflict("\"" + t.name() + "\" is archived and read-only. Restore it to make changes.");
        }
        return t;
    }
}
