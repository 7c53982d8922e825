package dev.mailroom.persistence.sending;

import static dev.mailroom.persistence.jooq.Tables.OUTBOX_MESSAGE;
import static dev.mailroom.persistence.jooq.Tables.TENANT_SENDING_LIMITS;
import static dev.mailroom.persistence.jooq.Tables.WARMUP_PLAN;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.OutboxId;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.OverLimitPolicy;
import dev.mailroom.model.sending.SendingLimitStore;
import dev.mailroom.model.sending.TenantLimits;
import dev.mailroom.model.sending.WarmupPlan;
import dev.mailroom.persistence.jooq.tables.records.TenantSendingLimitsRecord;
import dev.mailroom.persistence.jooq.tables.records.WarmupPlanRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jooq.impl.DSL;

/**
 * Warm-up plans and tenants' limit settings on H2 and PostgreSQL. Today's counts are read from the outbox
 * rows themselves (kept apart from {@link JooqOutboxStore}, which only this class's one query reads).
 */
public final class JooqSendingLimitStore implements SendingLimitStore {
    private final JooqTransactions tx;

    public JooqSendingLimitStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public List<WarmupPlan> plans(TenantId tenant) {
        return tx.dsl()
                .selectFrom(WARMUP_PLAN)
                .where(WARMUP_PLAN.TENANT_ID.eq(tenant.value()))
                .orderBy(WARMUP_PLAN.SCOPE_KIND, WARMUP_PLAN.SCOPE)
                .fetch(JooqSendingLimitStore::toPlan);
    }

    @Override
    public void putPlan(TenantId tenant, WarmupPlan p) {
        tx.dsl()
                .insertInto(WARMUP_PLAN)
                .set(WARMUP_PLAN.TENANT_ID, tenant.value())
                .set(WARMUP_PLAN.SCOPE_KIND, p.kind().name())
                .set(WARMUP_PLAN.SCOPE, p.scope())
                .set(WARMUP_PLAN.START_PER_DAY, p.startPerDay())
                .set(WARMUP_PLAN.GROWTH, p.growth().name())
                .set(WARMUP_PLAN.STEP, p.step())
                .set(WARMUP_PLAN.CEILING, p.ceiling())
                .set(WARMUP_PLAN.START_DATE, p.startDate())
                .onConflict(WARMUP_PLAN.TENANT_ID, WARMUP_PLAN.SCOPE_KIND, WARMUP_PLAN.SCOPE)
                .doUpdate()
                .set(WARMUP_PLAN.START_PER_DAY, p.startPerDay())
                .set(WARMUP_PLAN.GROWTH, p.growth().name())
                .set(WARMUP_PLAN.STEP, p.step())
                .set(WARMUP_PLAN.CEILING, p.ceiling())
                .set(WARMUP_PLAN.START_DATE, p.startDate())
                .execute();
    }

    @Override
    public boolean removePlan(TenantId tenant, WarmupPlan.Scope kind, String scope) {
        return tx.dsl()
                        .deleteFrom(WARMUP_PLAN)
                        .where(WARMUP_PLAN.TENANT_ID.eq(tenant.value()))
                        .and(WARMUP_PLAN.SCOPE_KIND.eq(kind.name()))
                        .and(WARMUP_PLAN.SCOPE.eq(scope.trim().toLowerCase(Locale.ROOT)))
                        .execute()
                == 1;
    }

    @Override
    public Optional<TenantLimits> settings(TenantId tenant) {
        return tx.dsl()
                .selectFrom(TENANT_SENDING_LIMITS)
                .where(TENANT_SENDING_LIMITS.TENANT_ID.eq(tenant.value()))
                .fetchOptional(JooqSendingLimitStore::toSettings);
    }

    @Override
    public void putSettings(TenantLimits s) {
        Integer cap = s.probationCap().isPresent() ? s.probationCap().getAsInt() : null;
        var at = s.probationAt().map(Times::toDb).orElse(null);
        tx.dsl()
                .insertInto(TENANT_SENDING_LIMITS)
                .set(TENANT_SENDING_LIMITS.TENANT_ID, s.tenant().value())
                .set(TENANT_SENDING_LIMITS.PROBATION_CAP, cap)
                .set(TENANT_SENDING_LIMITS.OVER_LIMIT, s.overLimit().name())
                .set(TENANT_SENDING_LIMITS.PROBATION_BY, s.probationBy().orElse(null))
                .set(TENANT_SENDING_LIMITS.PROBATION_AT, at)
                .onConflict(TENANT_SENDING_LIMITS.TENANT_ID)
                .doUpdate()
                .set(TENANT_SENDING_LIMITS.PROBATION_CAP, cap)
                .set(TENANT_SENDING_LIMITS.OVER_LIMIT, s.overLimit().name())
                .set(TENANT_SENDING_LIMITS.PROBATION_BY, s.probationBy().orElse(null))
                .set(TENANT_SENDING_LIMITS.PROBATION_AT, at)
                .execute();
    }

    @Override
    public List<Counted> countSent(TenantId tenant, Instant from, Instant to) {
        var fromAddress = DSL.lower(OUTBOX_MESSAGE.FROM_ADDRESS);
        var count = DSL.count();
        return tx.dsl()
                .select(OUTBOX_MESSAGE.DOMAIN_NAME, fromAddress, count)
                .from(OUTBOX_MESSAGE)
                .where(OUTBOX_MESSAGE.TENANT_ID.eq(tenant.value()))
                .and(OUTBOX_MESSAGE.SENT_AT.ge(Times.toDb(from)))
                .and(OUTBOX_MESSAGE.SENT_AT.lt(Times.toDb(to)))
                .and(OUTBOX_MESSAGE.STATE.eq(OutboxState.SENT.name()))
                .groupBy(OUTBOX_MESSAGE.DOMAIN_NAME, fromAddress)
                .fetch(r -> new Counted(r.value1(), r.value2(), r.value3()));
    }

    @Override
    public List<InFlight> sending(TenantId tenant) {
        return tx.dsl()
                .select(OUTBOX_MESSAGE.ID, OUTBOX_MESSAGE.DOMAIN_NAME, OUTBOX_MESSAGE.FROM_ADDRESS)
                .from(OUTBOX_MESSAGE)
                .where(OUTBOX_MESSAGE.TENANT_ID.eq(tenant.value()))
                .and(OUTBOX_MESSAGE.STATE.in(
                        OutboxState.inFlight().stream().map(Enum::name).toList()))
                .fetch(r -> new InFlight(
                        new OutboxId(r.value1()), r.value2(), r.value3().toLowerCase(Locale.ROOT)));
    }

    @Override
    public Map<TenantId, List<WarmupPlan>> plansAcrossTenants() {
        Map<TenantId, List<WarmupPlan>> out = new HashMap<>();
        tx.dsl()
                .selectFrom(WARMUP_PLAN)
                .orderBy(WARMUP_PLAN.SCOPE_KIND, WARMUP_PLAN.SCOPE)
                .forEach(r -> out.computeIfAbsent(new TenantId(r.getTenantId()), t -> new java.util.ArrayList<>())
                        .add(toPlan(r)));
        return out;
    }

    @Override
    public Map<TenantId, TenantLimits> settingsAcrossTenants() {
        Map<TenantId, TenantLimits> out = new HashMap<>();
        tx.dsl().selectFrom(TENANT_SENDING_LIMITS).forEach(r -> out.put(new TenantId(r.getTenantId()), toSettings(r)));
        return out;
    }

    private static WarmupPlan toPlan(WarmupPlanRecord r) {
        return new WarmupPlan(
                WarmupPlan.Scope.valueOf(r.getScopeKind()),
                r.getScope(),
                r.getStartPerDay(),
                WarmupPlan.Growth.valueOf(r.getGrowth()),
                r.getStep(),
                r.getCeiling(),
                r.getStartDate());
    }

    private static TenantLimits toSettings(TenantSendingLimitsRecord r) {
        return new TenantLimits(
                new TenantId(r.getTenantId()),
                r.getProbationCap() == null ? OptionalInt.empty() : OptionalInt.of(r.getProbationCap()),
                OverLimitPolicy.valueOf(r.getOverLimit()),
                Optional.ofNullable(r.getProbationBy()),
                Optional.ofNullable(r.getProbationAt()).map(Times::fromDb));
    }
}
