package dev.mailroom.model.common;

/** A flag a long-running check polls between domains; the UI's Cancel button sets it. */
public final class Cancellation {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled || Thread.currentThread().isInterrupted();
    }
}
