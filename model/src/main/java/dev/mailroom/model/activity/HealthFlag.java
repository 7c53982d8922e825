package dev.mailroom.model.activity;

/** What makes a tenant need attention on the agency overview. */
public enum HealthFlag {
    VOLUME_SPIKE("Spike"),
    HIGH_BOUNCE_RATE("Bounces"),
    HIGH_COMPLAINT_RATE("Complaints");

    private final String label;

    HealthFlag(String label) {
        this.label = label;
    }

    public String explanation() {
        return switch (this) {
            case VOLUME_SPIKE -> "Today above 3x the trailing 7-day mean";
            case HIGH_BOUNCE_RATE -> "Bounce rate over 5% in 30 days";
            case HIGH_COMPLAINT_RATE -> "Complaint rate over 0.3% in 30 days";
        };
    }

    /** Short enough for a chip in a table cell; {@link #explanation()} says the rule. */
    public String label() {
        return label;
    }
}
