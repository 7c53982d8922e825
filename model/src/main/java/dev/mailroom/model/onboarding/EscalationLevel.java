package dev.mailroom.model.onboarding;

/** The escalation ladder of a tenant, mildest first. */
public enum EscalationLevel {
    /** A daily cap below what its plans allow; the rest waits or is rejected per the over-limit policy. */
    RESTRICTED("Restricted"),
    /** Nothing leaves: queued mail stays queued (not lost) and goes once the suspension is lifted. */
    SUSPENDED("Suspended"),
    /** Suspended and archived: queued mail is rejected at the claim and never goes. */
    BANNED("Banned");

    private final String label;

    EscalationLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
