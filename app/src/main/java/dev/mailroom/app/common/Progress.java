package dev.mailroom.app.common;

import dev.mailroom.model.common.Cancellation;
import java.util.concurrent.CancellationException;

/**
 * What background work may tell the person while it runs, and how it learns it was cancelled. Cancel
 * is cooperative: the runner never interrupts a job's thread (an interrupt inside an H2 write closes
 * the store's file, docs/decisions/0020); the job checks {@link #isCancelled()} between steps, or
 * hands {@link #cancellation()} to a use case that checks it.
 */
public interface Progress {
    void update(long done, long total, String message);

    /** The job's cancel flag, to pass to use cases that take a {@link Cancellation}. */
    Cancellation cancellation();

    default boolean isCancelled() {
        return cancellation().isCancelled();
    }

    /** Stops the job here, between two steps, if a person pressed Cancel. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("Cancelled");
        }
    }

    /** A progress that reports nowhere and is cancelled through the given flag. */
    static Progress silent(Cancellation cancellation) {
        return new Progress() {
            @Override
            public void update(long done, long total, String message) {}

            @Override
            public Cancellation cancellation() {
                return cancellation;
            }
        };
    }

    Progress NONE = silent(new Cancellation());
}
