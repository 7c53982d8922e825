package dev.mailroom.model.validation;

/**
 * What the outbox does with a message to a {@link Verdict#RISKY risky} address (a role address, a
 * disposable domain, a likely typo, a quoted local part, an IP literal …): a tenant setting (issue 14,
 * decision 0048). Undeliverable addresses are not its business: the send dialog offers to drop them, and
 * the relay refuses them.
 */
public enum RiskyAddressPolicy {
    /** Queued like any other message; the send's result still says why the address is risky. */
    SEND("Send them", "Risky addresses are sent like any other; the send's result says why each is risky."),
    /**
     * Stored in the outbox as {@code HELD} with the reasons, and not sent until a person releases it (it is
     * then queued) or drops it (it is then cancelled with the person's name).
     */
    HOLD(
            "Hold them for a person",
            "Messages to risky addresses wait in the outbox as Held, with the reasons, until someone releases"
                    + " or drops them."),
    /** Not sent: recorded in the outbox as rejected with the reasons, and listed as dropped in the send's result. */
    DROP(
            "Drop them",
            "Messages to risky addresses are not sent: the outbox records each as rejected, with the reasons.");

    /** A tenant nobody set it for: nothing risky goes out without a person's look, and nothing is lost. */
    public static final RiskyAddressPolicy DEFAULT = HOLD;

    private final String label;
    private final String explanation;

    RiskyAddressPolicy(String label, String explanation) {
        this.label = label;
        this.explanation = explanation;
    }

    /** A few words for a choice box. */
    public String label() {
        return label;
    }

    /** What it means, in a sentence. */
    public String explanation() {
        return explanation;
    }
}
