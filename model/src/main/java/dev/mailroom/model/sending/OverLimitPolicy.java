package dev.mailroom.model.sending;

/** What happens to a message over a warm-up plan or a probation cap: a tenant setting. */
public enum OverLimitPolicy {
    /** Deferred to the start of the next day on which the limits allow it. */
    WAIT("Wait for the next allowed day"),
    /** Rejected with the reason; the sender must queue it again. */
    REJECT("Reject it with the reason");

    private final String label;

    OverLimitPolicy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
