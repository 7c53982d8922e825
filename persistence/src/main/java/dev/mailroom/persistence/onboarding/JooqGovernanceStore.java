package dev.mailroom.persistence.onboarding;

import static dev.mailroom.persistence.jooq.Tables.REVIEW_SAMPLE;
import static dev.mailroom.persistence.jooq.Tables.TENANT_GOVERNANCE;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.onboarding.EscalationLevel;
import dev.mailroom.model.onboarding.Governance;
import dev.mailroom.model.onboarding.GovernanceStore;
import dev.mailroom.model.onboarding.PausePolicy;
import dev.mailroom.model.onboarding.ReviewSample;
import dev.mailroom.model.sending.OutboxId;
import dev.mailroom.model.sending.OutboxStore;
import dev.mailroom.persistence.jooq.tables.records.TenantGovernanceRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Tenants' escalation, pause policy and review samples on H2 and PostgreSQL. */
public final class JooqGovernanceStore implements GovernanceStore {
    private final JooqTransactions tx;
    private final OutboxStore outbox;

    /** {@code outbox} reads the kept messages (a sample is a pointer to its outbox row). */
    public JooqGovernanceStore(JooqTransactions tx, OutboxStore outbox) {
        this.tx = tx;
        this.outbox = outbox;
    }

    @Override
    public Optional<Governance> find(TenantId tenant) {
        return tx.dsl()
                .selectFrom(TENANT_GOVERNANCE)
                .where(TENANT_GOVERNANCE.TENANT_ID.eq(tenant.value()))
                .fetchOptional(JooqGovernanceStore::toGovernance);
    }

    @Override
    public void put(Governance g) {
        var r = tx.dsl().newRecord(TENANT_GOVERNANCE);
        r.setTenantId(g.tenant().value());
        r.setLevel(g.level().map(Enum::name).orElse(null));
        r.setDailyCap(g.dailyCap().isPresent() ? g.dailyCap().getAsInt() : null);
        r.setReason(g.reason());
        r.setSetBy(g.setBy());
        r.setSetAt(g.setAt().map(Times::toDb).orElse(null));
        r.setAutomatic(g.automatic());
        r.setPausePolicy(g.pausePolicy().name());
        r.setPauseMinSent(g.pauseMinSent());
        r.setPauseWindow(g.pauseWindowDays());
        r.setReviewOneIn(g.reviewOneIn().isPresent() ? g.reviewOneIn().getAsInt() : null);
        tx.dsl()
                .insertInto(TENANT_GOVERNANCE)
                .set(r)
                .onConflict(TENANT_GOVERNANCE.TENANT_ID)
                .doUpdate()
                .set(r)
                .execute();
    }

    @Override
    public Map<TenantId, Governance> acrossTenants() {
        Map<TenantId, Governance> out = new HashMap<>();
        tx.dsl().selectFrom(TENANT_GOVERNANCE).forEach(r -> out.put(new TenantId(r.getTenantId()), toGovernance(r)));
        return out;
    }

    @Override
    public void keepForReview(TenantId tenant, OutboxId message, Instant at) {
        tx.dsl()
                .insertInto(REVIEW_SAMPLE)
                .set(REVIEW_SAMPLE.TENANT_ID, tenant.value())
                .set(REVIEW_SAMPLE.MESSAGE_PK, message.value())
                .set(REVIEW_SAMPLE.KEPT_AT, Times.toDb(at))
                .onConflictDoNothing()
                .execute();
    }

    @Override
    public List<ReviewSample> reviewSamples(TenantId tenant, int limit) {
        return tx
                .dsl()
                .selectFrom(REVIEW_SAMPLE)
                .where(REVIEW_SAMPLE.TENANT_ID.eq(tenant.value()))
                .orderBy(REVIEW_SAMPLE.KEPT_AT.desc(), REVIEW_SAMPLE.MESSAGE_PK.desc())
                .limit(limit)
                .fetch()
                .stream()
                .flatMap(r -> outbox.find(tenant, new OutboxId(r.getMessagePk())).stream()
                        .map(m -> new ReviewSample(
                                m,
                                Times.fromDb(r.getKeptAt()),
                                Optional.ofNullable(r.getReviewedBy()),
                                Optional.ofNullable(r.getReviewedAt()).map(Times::fromDb),
                                r.getReviewNote() == null ? "" : r.getReviewNote())))
                .toList();
    }

    @Override
    public boolean markReviewed(TenantId tenant, OutboxId message, String by, Instant at, String note) {
        return tx.dsl()
                        .update(REVIEW_SAMPLE)
                        .set(REVIEW_SAMPLE.REVIEWED_BY, by)
                        .set(REVIEW_SAMPLE.REVIEWED_AT, Times.toDb(at))
                        .set(REVIEW_SAMPLE.REVIEW_NOTE, note)
                        .where(REVIEW_SAMPLE.TENANT_ID.eq(tenant.value()))
                        .and(REVIEW_SAMPLE.MESSAGE_PK.eq(message.value()))
                        .execute()
                == 1;
    }

    private static Governance toGovernance(TenantGovernanceRecord r) {
        return new Governance(
                new TenantId(r.getTenantId()),
                Optional.ofNullable(r.getLevel()).map(EscalationLevel::valueOf),
                r.getDailyCap() == null ? OptionalInt.empty() : OptionalInt.of(r.getDailyCap()),
                r.getReason() == null ? "" : r.getReason(),
                r.getSetBy() == null ? "" : r.getSetBy(),
                Optional.ofNullable(r.getSetAt()).map(Times::fromDb),
                Boolean.TRUE.equals(r.getAutomatic()),
                PausePolicy.valueOf(r.getPausePolicy()),
                r.getPauseMinSent(),
                r.getPauseWindow(),
                r.getReviewOneIn() == null ? OptionalInt.empty() : OptionalInt.of(r.getReviewOneIn()));
    }
}
