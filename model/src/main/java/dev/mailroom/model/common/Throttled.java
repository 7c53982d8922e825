package dev.mailroom.model.common;

import java.time.Duration;

/** Refused for now because of too many recent attempts; may be tried again after {@link #retryAfter()}. */
public final class Throttled extends MailroomException {
    private final Duration retryAfter;

    public Throttled(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
