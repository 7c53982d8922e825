package dev.mailroom.model.onboarding;

/**
 * What happens when a tenant's bounce or complaint rate crosses a threshold, as Amazon SES offers its
 * tenants: every policy shows the figures; only {@link #STANDARD} and {@link #STRICT} pause sending.
 */
public enum PausePolicy {
    /** Flag only: the overview says why, a person decides. */
    NONE("None (flag only)"),
    /** Pause at the severe level (bounces 10%, complaints 0.3%); flag at the warning level. */
    STANDARD("Standard (pause at the severe level)"),
    /** Pause already at the warning level (bounces 5%, complaints 0.1%). */
    STRICT("Strict (pause at the warning level)");

    private final String label;

    PausePolicy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether a finding of this severity pauses the tenant under this policy. */
    public boolean pauses(ReputationCheck.Severity severity) {
        return switch (this) {
            case NONE -> false;
            case STANDARD -> severity == ReputationCheck.Severity.SEVERE;
            case STRICT -> true;
        };
    }
}
