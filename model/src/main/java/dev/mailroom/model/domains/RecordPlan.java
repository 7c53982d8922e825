package dev.mailroom.model.domains;

import dev.mailroom.model.domains.names.DomainName;
import java.util.List;
import java.util.Optional;

/**
 * The records a sending domain needs, with warnings for the person publishing them, and the text of the
 * MTA-STS policy file when MTA-STS is planned (served at https://mta-sts.DOMAIN/.well-known/mta-sts.txt).
 */
public record RecordPlan(
        DomainName domain, List<PlannedRecord> records, List<String> warnings, Optional<String> mtaStsPolicy) {
    public RecordPlan {
        records = List.copyOf(records);
        warnings = List.copyOf(warnings);
    }

    public List<PlannedRecord> of(RecordKind kind) {
        return records.stream().filter(r -> r.kind() == kind).toList();
    }

    /** Records someone has to add or change. */
    public List<PlannedRecord> toPublish() {
        return records.stream()
                .filter(r -> r.action() == PlanAction.ADD || r.action() == PlanAction.UPDATE)
                .toList();
    }
}
