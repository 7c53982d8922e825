package dev.mailroom.model.onboarding;

import java.time.Instant;
import java.util.Optional;

/** One item of the agency's onboarding checklist template. Retired items keep their answers. */
public record ChecklistItem(
        ChecklistItemId id,
        String section,
        String label,
        Optional<OnboardingFact> fact,
        int position,
        Optional<Instant> retiredAt) {
    public boolean retired() {
        return retiredAt.isPresent();
    }
}
