package dev.mailroom.model.activity;

/**
 * How a failed delivery counts against the recipient address. See {@link BounceClassifier} for the
 * rule that gives it.
 */
public enum Severity {
    /** The address itself is dead: suppress it at once. */
    HARD,
    /** Something that may pass (or that is about the sender, not the address): counts toward a hold. */
    SOFT,
    /** Not a failure: a success notice, a complaint, an auto-reply. */
    NONE
}
