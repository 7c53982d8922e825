package dev.mailroom.model.onboarding;

import dev.mailroom.model.common.TenantId;
import java.util.Map;

/** Port: the facts about a tenant that tick checklist items, each true or not, in words. */
public interface FactSource {
    record Fact(boolean holds, String words) {}

    Map<OnboardingFact, Fact> facts(TenantId tenant);
}
