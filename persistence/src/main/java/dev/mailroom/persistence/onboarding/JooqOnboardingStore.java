package dev.mailroom.persistence.onboarding;

import static dev.mailroom.persistence.jooq.Tables.ONBOARDING_ANSWER;
import static dev.mailroom.persistence.jooq.Tables.ONBOARDING_ITEM;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.onboarding.Answer;
import dev.mailroom.model.onboarding.ChecklistItem;
import dev.mailroom.model.onboarding.ChecklistItemId;
import dev.mailroom.model.onboarding.Evidence;
import dev.mailroom.model.onboarding.OnboardingFact;
import dev.mailroom.model.onboarding.OnboardingStore;
import dev.mailroom.persistence.jooq.tables.records.OnboardingAnswerRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The onboarding checklist template and answers on H2 and PostgreSQL. */
public final class JooqOnboardingStore implements OnboardingStore {
    private final JooqTransactions tx;

    public JooqOnboardingStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public List<ChecklistItem> items() {
        return tx.dsl()
                .selectFrom(ONBOARDING_ITEM)
                .orderBy(ONBOARDING_ITEM.POSITION, ONBOARDING_ITEM.ID)
                .fetch(r -> new ChecklistItem(
                        new ChecklistItemId(r.getId()),
                        r.getSection(),
                        r.getLabel(),
                        Optional.ofNullable(r.getFact()).map(OnboardingFact::valueOf),
                        r.getPosition(),
                        Optional.ofNullable(r.getRetiredAt()).map(Times::fromDb)));
    }

    @Override
    public ChecklistItemId addItem(String section, String label, int position, Instant at) {
        return new ChecklistItemId(tx.dsl()
                .insertInto(ONBOARDING_ITEM)
                .set(ONBOARDING_ITEM.SECTION, section)
                .set(ONBOARDING_ITEM.LABEL, label)
                .set(ONBOARDING_ITEM.POSITION, position)
                .set(ONBOARDING_ITEM.CREATED_AT, Times.toDb(at))
                .returning(ONBOARDING_ITEM.ID)
                .fetchOne()
                .getId());
    }

    @Override
    public boolean retireItem(ChecklistItemId id, Instant at) {
        return tx.dsl()
                        .update(ONBOARDING_ITEM)
                        .set(ONBOARDING_ITEM.RETIRED_AT, Times.toDb(at))
                        .where(ONBOARDING_ITEM.ID.eq(id.value()))
                        .and(ONBOARDING_ITEM.RETIRED_AT.isNull())
                        .execute()
                == 1;
    }

    @Override
    public Map<ChecklistItemId, Answer> answers(TenantId tenant) {
        Map<ChecklistItemId, Answer> out = new HashMap<>();
        tx.dsl()
                .select(answerFields())
                .from(ONBOARDING_ANSWER)
                .where(ONBOARDING_ANSWER.TENANT_ID.eq(tenant.value()))
                .forEach(r -> {
                    Answer a = toAnswer(r.into(ONBOARDING_ANSWER));
                    out.put(a.item(), a);
                });
        return out;
    }

    @Override
    public Map<TenantId, Map<ChecklistItemId, Answer>> answersAcrossTenants() {
        Map<TenantId, Map<ChecklistItemId, Answer>> out = new HashMap<>();
        tx.dsl().select(answerFields()).from(ONBOARDING_ANSWER).forEach(r -> {
            Answer a = toAnswer(r.into(ONBOARDING_ANSWER));
            out.computeIfAbsent(a.tenant(), t -> new HashMap<>()).put(a.item(), a);
        });
        return out;
    }

    /** Everything but the evidence's bytes, which are read only when someone opens them. */
    private static List<org.jooq.Field<?>> answerFields() {
        return java.util.Arrays.stream(ONBOARDING_ANSWER.fields())
                .filter(f -> !f.equals(ONBOARDING_ANSWER.EVIDENCE_BYTES))
                .toList();
    }

    @Override
    public void putAnswer(
            TenantId tenant,
            ChecklistItemId item,
            boolean done,
            String note,
            Optional<Evidence> evidence,
            boolean keepEvidence,
            String by,
            Instant at) {
        var insert = tx.dsl()
                .insertInto(ONBOARDING_ANSWER)
                .set(ONBOARDING_ANSWER.TENANT_ID, tenant.value())
                .set(ONBOARDING_ANSWER.ITEM_ID, item.value())
                .set(ONBOARDING_ANSWER.DONE, done)
                .set(ONBOARDING_ANSWER.NOTE, note)
                .set(
                        ONBOARDING_ANSWER.EVIDENCE_NAME,
                        evidence.map(Evidence::name).orElse(null))
                .set(
                        ONBOARDING_ANSWER.EVIDENCE_TYPE,
                        evidence.map(Evidence::mediaType).orElse(null))
                .set(
                        ONBOARDING_ANSWER.EVIDENCE_BYTES,
                        evidence.map(Evidence::bytes).orElse(null))
                .set(ONBOARDING_ANSWER.ANSWERED_BY, by)
                .set(ONBOARDING_ANSWER.ANSWERED_AT, Times.toDb(at))
                .onConflict(ONBOARDING_ANSWER.TENANT_ID, ONBOARDING_ANSWER.ITEM_ID)
                .doUpdate()
                .set(ONBOARDING_ANSWER.DONE, done)
                .set(ONBOARDING_ANSWER.NOTE, note)
                .set(ONBOARDING_ANSWER.ANSWERED_BY, by)
                .set(ONBOARDING_ANSWER.ANSWERED_AT, Times.toDb(at));
        if (evidence.isPresent() || !keepEvidence) {
            insert = insert.set(
                            ONBOARDING_ANSWER.EVIDENCE_NAME,
                            evidence.map(Evidence::name).orElse(null))
                    .set(
                            ONBOARDING_ANSWER.EVIDENCE_TYPE,
                            evidence.map(Evidence::mediaType).orElse(null))
                    .set(
                            ONBOARDING_ANSWER.EVIDENCE_BYTES,
                            evidence.map(Evidence::bytes).orElse(null));
        }
        insert.execute();
    }

    @Override
    public void rememberFact(TenantId tenant, ChecklistItemId item, String fact, Instant at) {
        String clipped = fact.length() > 500 ? fact.substring(0, 500) : fact;
        tx.dsl()
                .insertInto(ONBOARDING_ANSWER)
                .set(ONBOARDING_ANSWER.TENANT_ID, tenant.value())
                .set(ONBOARDING_ANSWER.ITEM_ID, item.value())
                .set(ONBOARDING_ANSWER.DONE, true)
                .set(ONBOARDING_ANSWER.NOTE, "")
                .set(ONBOARDING_ANSWER.FACT_SEEN, clipped)
                .set(ONBOARDING_ANSWER.FACT_SEEN_AT, Times.toDb(at))
                .onConflict(ONBOARDING_ANSWER.TENANT_ID, ONBOARDING_ANSWER.ITEM_ID)
                .doUpdate()
                .set(ONBOARDING_ANSWER.FACT_SEEN, clipped)
                .set(ONBOARDING_ANSWER.FACT_SEEN_AT, Times.toDb(at))
                .execute();
    }

    @Override
    public Optional<Evidence> evidence(TenantId tenant, ChecklistItemId item) {
        return tx.dsl()
                .select(
                        ONBOARDING_ANSWER.EVIDENCE_NAME,
                        ONBOARDING_ANSWER.EVIDENCE_TYPE,
                        ONBOARDING_ANSWER.EVIDENCE_BYTES)
                .from(ONBOARDING_ANSWER)
                .where(ONBOARDING_ANSWER.TENANT_ID.eq(tenant.value()))
                .and(ONBOARDING_ANSWER.ITEM_ID.eq(item.value()))
                .and(ONBOARDING_ANSWER.EVIDENCE_BYTES.isNotNull())
                .fetchOptional(r -> new Evidence(r.value1(), r.value2(), r.value3()));
    }

    private static Answer toAnswer(OnboardingAnswerRecord r) {
        return new Answer(
                new TenantId(r.getTenantId()),
                new ChecklistItemId(r.getItemId()),
                Boolean.TRUE.equals(r.getDone()),
                r.getNote() == null ? "" : r.getNote(),
                Optional.ofNullable(r.getEvidenceName()),
                Optional.ofNullable(r.getAnsweredBy()),
                Optional.ofNullable(r.getAnsweredAt()).map(Times::fromDb),
                Optional.ofNullable(r.getFactSeen()),
                Optional.ofNullable(r.getFactSeenAt()).map(Times::fromDb));
    }
}
