package dev.mailroom.model.onboarding;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: the agency's checklist template and each tenant's answers. */
public interface OnboardingStore {
    /** Every item, retired ones too, in order. */
    List<ChecklistItem> items();

    ChecklistItemId addItem(String section, String label, int position, Instant at);

    boolean retireItem(ChecklistItemId id, Instant at);

    Map<ChecklistItemId, Answer> answers(TenantId tenant);

    /** Every tenant's answers, for the overview's progress: crosses tenants by design. */
    Map<TenantId, Map<ChecklistItemId, Answer>> answersAcrossTenants();

    /** A person's answer; evidence empty keeps what was attached before when {@code keepEvidence}. */
    void putAnswer(
            TenantId tenant,
            ChecklistItemId item,
            boolean done,
            String note,
            Optional<Evidence> evidence,
            boolean keepEvidence,
            String by,
            Instant at);

    /** Remembers a fact item's fact as last seen true. */
    void rememberFact(TenantId tenant, ChecklistItemId item, String fact, Instant at);

    Optional<Evidence> evidence(TenantId tenant, ChecklistItemId item);
}
