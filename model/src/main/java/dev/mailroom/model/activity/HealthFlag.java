package dev.mailroom.model.activity;

/** What makes a tenant need attention on the agency overview. */
public enum HealthFlag {
    VOLUME_SPIKE("Volume spike"),
    HIGH_BOUNCE_RATE("Bounces over 5%"),
    HIGH_COMPLAINT_RATE("Complaints over 0.3%");

    private final String label;

    HealthFlag(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
