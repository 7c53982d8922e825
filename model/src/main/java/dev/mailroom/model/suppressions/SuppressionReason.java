package dev.mailroom.model.suppressions;

/** Why a recipient is not sent to. */
public enum SuppressionReason {
    HARD_BOUNCE,
    COMPLAINT,
    UNSUBSCRIBE,
    /** Put on the list by a person (the manual blocklist). */
    MANUAL,
    /** Too many soft bounces: on hold for a while, then sent to again. */
    SOFT_BOUNCE_HOLD;

    public boolean isPermanent() {
        return this != SOFT_BOUNCE_HOLD;
    }
}
