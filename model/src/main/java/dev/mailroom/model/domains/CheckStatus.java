package dev.mailroom.model.domains;

/** What a live check found for one planned record. */
public enum CheckStatus {
    FOUND("Found"),
    MISSING("Missing"),
    DIFFERENT("Different"),
    /** DNS did not answer (timeout, SERVFAIL…): nothing can be said about the record yet. */
    UNKNOWN("Could not check");

    private final String label;

    CheckStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
