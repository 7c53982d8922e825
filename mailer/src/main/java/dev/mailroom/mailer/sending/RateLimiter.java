package dev.mailroom.mailer.sending;

import java.util.function.LongSupplier;

/**
 * At most {@code perSecond} permits a second, spaced evenly; 0 means no limit. Each caller reserves
 * the next free slot under the lock and waits for it outside, so waiting threads do not block each other.
 */
final class RateLimiter {
    /** How to wait; tests count instead of waiting. */
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long nextFree;
    private boolean started;

    RateLimiter(int perSecond, LongSupplier nanoTime, Sleeper sleeper) {
        this.intervalNanos = perSecond <= 0 ? 0 : 1_000_000_000L / perSecond;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    static RateLimiter perSecond(int perSecond) {
        return new RateLimiter(
                perSecond, System::nanoTime, nanos -> java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos));
    }

    void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long slot;
        long now;
        synchronized (this) {
            now = nanoTime.getAsLong();
            slot = !started || nextFree - now < 0 ? now : nextFree;
            started = true;
            nextFree = slot + intervalNanos;
        }
        long wait = slot - now;
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }
}
