package dev.mailroom.model.billing;

/** How a per-1,000 table applies to a month's volume. */
public enum TierMode {
    /** Every email at the rate of the tier the month's volume reaches. */
    VOLUME("Volume: every email at the rate of the tier reached"),
    /** Each tier's share of the volume at that tier's rate. */
    GRADUATED("Graduated: each tier's share at its own rate");

    private final String label;

    TierMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
