package dev.mailroom.model.sending;

/** Production and staging connections are kept apart, so a test send never uses production credentials. */
public enum SendingEnvironment {
    PRODUCTION("Production"),
    STAGING("Staging");

    private final String label;

    SendingEnvironment(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
