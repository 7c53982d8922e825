package dev.mailroom.model.sending;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The sending limits people see and change: warm-up plans per domain or mailbox, the probation cap and
 * the over-limit policy. Reading needs {@link Permission#TENANT_VIEW}; changes need
 * {@link Permission#LIMITS_MANAGE} (Admin, Owner) and are audited in the same transaction.
 */
public final class SendingLimitService {
    public static final int MAX_PROBATION_CAP = 1_000_000;

    private final SendingLimitStore store;
    private final TenantStore tenants;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;

    public SendingLimitService(
            SendingLimitStore store,
            TenantStore tenants,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** A plan with how far it got today. */
    public record PlanStatus(WarmupPlan plan, long sentToday, int allowedToday, String stage, boolean warmedUp) {}

    /** A tenant's limits as of today. */
    public record Limits(TenantLimits settings, List<PlanStatus> plans) {
        /** The plans still ramping, least allowed first. */
        public List<PlanStatus> ramping() {
            return plans.stream()
                    .filter(p -> !p.warmedUp())
                    .sorted(Comparator.comparingInt(PlanStatus::allowedToday))
                    .toList();
        }
    }

    public Limits limits(Actor actor, TenantId tenant) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.TENANT_VIEW);
            return read(tenant, store.settings(tenant).orElse(TenantLimits.defaults(tenant)), store.plans(tenant));
        });
    }

    /** The agency overview's Warm-up and Probation columns: every tenant the actor may see that has limits. */
    public Map<TenantId, Limits> limitsOfVisibleTenants(Actor actor) {
        return tx.inTransaction(() -> {
            TenantScope scope = access.scope(actor);
            Map<TenantId, List<WarmupPlan>> plans = store.plansAcrossTenants();
            Map<TenantId, TenantLimits> settings = store.settingsAcrossTenants();
            Map<TenantId, Limits> out = new HashMap<>();
            java.util.Set<TenantId> ids = new java.util.HashSet<>(plans.keySet());
            ids.addAll(settings.keySet());
            for (TenantId t : ids) {
                if (scope.includes(t)) {
                    out.put(
                            t,
                            read(
                                    t,
                                    settings.getOrDefault(t, TenantLimits.defaults(t)),
                                    plans.getOrDefault(t, List.of())));
                }
            }
            return out;
        });
    }

    private Limits read(TenantId tenant, TenantLimits settings, List<WarmupPlan> plans) {
        ZoneId zone = clock.getZone();
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        Map<String, Long> byDomain = new HashMap<>();
        Map<String, Long> byMailbox = new HashMap<>();
        if (!plans.isEmpty()) {
            for (SendingLimitStore.Counted c : store.countSent(
                    tenant, SendingLimits.startOf(today, zone), SendingLimits.startOf(today.plusDays(1), zone))) {
                byDomain.merge(c.domain().toLowerCase(Locale.ROOT), c.count(), Long::sum);
                byMailbox.merge(c.fromAddress().toLowerCase(Locale.ROOT), c.count(), Long::sum);
            }
            for (SendingLimitStore.InFlight m : store.sending(tenant)) {
                byDomain.merge(m.domain().toLowerCase(Locale.ROOT), 1L, Long::sum);
                byMailbox.merge(m.fromAddress(), 1L, Long::sum);
            }
        }
        List<PlanStatus> statuses = plans.stream()
                .map(p -> {
                    long sent =
                            (p.kind() == WarmupPlan.Scope.DOMAIN ? byDomain : byMailbox).getOrDefault(p.scope(), 0L);
                    return new PlanStatus(p, sent, p.allowanceOn(today), p.stage(today, sent), p.isWarmedUpOn(today));
                })
                .sorted(Comparator.comparing((PlanStatus s) -> s.plan().kind())
                        .thenComparing(s -> s.plan().scope()))
                .toList();
        return new Limits(settings, statuses);
    }

    public void setPlan(Actor actor, TenantId tenant, WarmupPlan plan) {
        tx.run(() -> {
            access.require(actor, tenant, Permission.LIMITS_MANAGE);
            store.putPlan(tenant, plan);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("kind", plan.kind().name());
            details.put("plan", plan.describe());
            audit.record(actor, tenant, tenantName(tenant), "limits.warmup.set", plan.scope(), details);
        });
    }

    public void removePlan(Actor actor, TenantId tenant, WarmupPlan.Scope kind, String scope) {
        tx.run(() -> {
            access.require(actor, tenant, Permission.LIMITS_MANAGE);
            if (!store.removePlan(tenant, kind, scope)) {
                throw new NotFound("No warm-up plan for " + scope + ".");
            }
            audit.record(
                    actor,
                    tenant,
                    tenantName(tenant),
                    "limits.warmup.removed",
                    scope.trim().toLowerCase(Locale.ROOT),
                    Map.of("kind", kind.name()));
        });
    }

    /** Puts the tenant on probation with a daily cap, or (empty) lifts it. Who and when are kept with the setting. */
    public TenantLimits setProbation(Actor actor, TenantId tenant, OptionalInt cap) {
        if (cap.isPresent() && (cap.getAsInt() < 1 || cap.getAsInt() > MAX_PROBATION_CAP)) {
            throw new InvalidInput(
                    "probation", String.format(Locale.ROOT, "A daily cap is between 1 and %,d.", MAX_PROBATION_CAP));
        }
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.LIMITS_MANAGE);
            TenantLimits before = store.settings(tenant).orElse(TenantLimits.defaults(tenant));
            TenantLimits after = new TenantLimits(
                    tenant,
                    cap,
                    before.overLimit(),
                    Optional.of(actor.realPerson().name()),
                    Optional.of(clock.instant()));
            store.putSettings(after);
            audit.record(
                    actor,
                    tenant,
                    tenantName(tenant),
                    cap.isPresent() ? "limits.probation.set" : "limits.probation.lifted",
                    tenantName(tenant),
                    Map.of(
                            "cap",
                            cap.isPresent() ? Integer.toString(cap.getAsInt()) : "none",
                            "before",
                            before.probationCap().isPresent()
                                    ? Integer.toString(before.probationCap().getAsInt())
                                    : "none"));
            return after;
        });
    }

    public TenantLimits setOverLimitPolicy(Actor actor, TenantId tenant, OverLimitPolicy policy) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.LIMITS_MANAGE);
            TenantLimits before = store.settings(tenant).orElse(TenantLimits.defaults(tenant));
            TenantLimits after =
                    new TenantLimits(tenant, before.probationCap(), policy, before.probationBy(), before.probationAt());
            store.putSettings(after);
            audit.record(
                    actor,
                    tenant,
                    tenantName(tenant),
                    "limits.overlimit.set",
                    tenantName(tenant),
                    Map.of("policy", policy.name(), "before", before.overLimit().name()));
            return after;
        });
    }

    private String tenantName(TenantId tenant) {
        return tenants.find(tenant).map(t -> t.name()).orElse(tenant.toString());
    }
}
