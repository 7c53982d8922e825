package dev.mailroom.model.onboarding;

/** What Mailroom can see for itself, each ticking one checklist item. */
public enum OnboardingFact {
    DOMAIN_VERIFIED,
    CONNECTION_TESTED,
    TEMPLATE_PUBLISHED,
    LIMITS_SET,
    MONITORING,
    TWO_ADMINS
}
