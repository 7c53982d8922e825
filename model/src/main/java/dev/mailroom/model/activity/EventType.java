package dev.mailroom.model.activity;

/** What happened to one message for one recipient. The order is the order of a message's life. */
public enum EventType {
    QUEUED,
    SENT,
    DELIVERED,
    DEFERRED,
    SOFT_BOUNCE,
    HARD_BOUNCE,
    OPENED,
    CLICKED,
    COMPLAINED,
    UNSUBSCRIBED,
    /** Not sent: the recipient was suppressed or the tenant over its limit. */
    REJECTED;

    public boolean isBounce() {
        return this == SOFT_BOUNCE || this == HARD_BOUNCE;
    }
}
