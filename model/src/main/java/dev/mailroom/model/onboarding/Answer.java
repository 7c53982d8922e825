package dev.mailroom.model.onboarding;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * A tenant's answer to one item: ticked by a person (with a note, maybe evidence), or, for a fact
 * item, the fact last seen true (to say so when it stops being true).
 */
public record Answer(
        TenantId tenant,
        ChecklistItemId item,
        boolean done,
        String note,
        Optional<String> evidenceName,
        Optional<String> answeredBy,
        Optional<Instant> answeredAt,
        Optional<String> factSeen,
        Optional<Instant> factSeenAt) {}
