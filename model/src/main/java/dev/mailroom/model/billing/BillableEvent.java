package dev.mailroom.model.billing;

import dev.mailroom.model.activity.EventType;

/**
 * Which events a plan bills. One kind, never a sum of several, so one message is never billed twice.
 * Rejected (suppressed, over limit) messages never bill.
 */
public enum BillableEvent {
    /** Accepted for delivery: taken by our relay or by a provider's API (the SENT event). */
    ACCEPTED(EventType.SENT, "emails accepted for delivery"),
    /** Delivered: the receiving server took it (the DELIVERED event). */
    DELIVERED(EventType.DELIVERED, "emails delivered");

    private final EventType counts;
    private final String noun;

    BillableEvent(EventType counts, String noun) {
        this.counts = counts;
        this.noun = noun;
    }

    public EventType counts() {
        return counts;
    }

    /** For invoice lines: "16,000 emails accepted for delivery". */
    public String noun() {
        return noun;
    }
}
