package dev.mailroom.app.sending;

import dev.mailroom.model.sending.Outbox;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agency's sender while someone is signed in: one daemon thread that first takes over what a stopped
 * process left claimed (queued again, or in doubt when it had reached the relay), then drains the outbox, sleeping between rounds until the next
 * round is due or {@link #wake()} says new mail was queued.
 *
 * <p>{@link #stop()} never blocks its caller (sign-out runs on the FX thread): it asks the thread to end
 * after the round under way, whose claimed messages are recorded before it ends, and returns a future
 * that completes then. A {@link #start()} while that round is still finishing keeps the same thread
 * going, so a new sender never marks the old round's messages in doubt.
 */
public final class OutboxSender {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    /** Deferred messages become due over time; this is how often the sender looks without being woken. */
    private static final Duration IDLE = Duration.ofSeconds(15);

    private static final int PARALLELISM = 4;

    private final Outbox outbox;
    private final Object lock = new Object();
    /** Guarded by this: the thread draining, or null; running tells it to go on. */
    private Thread thread;

    private CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);
    private boolean woken;
    private volatile boolean running;

    public OutboxSender(Outbox outbox) {
        this.outbox = outbox;
    }

    public synchronized void start() {
        running = true;
        if (thread != null) {
            // The last round before a stop is still finishing: the same thread simply goes on.
            wake();
            return;
        }
        stopped = new CompletableFuture<>();
        thread = new Thread(this::loop, "outbox-sender");
        thread.setDaemon(true);
        thread.start();
    }

    /** New messages were queued or a person asked for a retry: drain now rather than at the next round. */
    public void wake() {
        synchronized (lock) {
            woken = true;
            lock.notifyAll();
        }
    }

    /**
     * Asks the sender to stop after the round under way and returns at once; the future completes when
     * the thread has recorded that round and ended.
     */
    public synchronized CompletableFuture<Void> stop() {
        running = false;
        wake();
        return stopped;
    }

    /**
     * Waits up to {@code limit} for the thread to have recorded its last round and ended: for the
     * background runner at exit, never for the FX thread. False when it did not end in time.
     */
    public boolean awaitStopped(Duration limit) throws InterruptedException {
        CompletableFuture<Void> f;
        synchronized (this) {
            f = stopped;
        }
        try {
            f.get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    /** The thread ends only here, under the lock {@link #start()} takes: a start never finds it half-gone. */
    private synchronized boolean goOn() {
        if (running) {
            return true;
        }
        thread = null;
        stopped.complete(null);
        return false;
    }

    private void loop() {
        try {
            Outbox.Recovery recovered = outbox.recoverAfterStop();
            if (recovered.requeued() > 0) {
                log.info(
                        "{} message(s) were claimed but not handed to the relay when Mailroom stopped; queued again",
                        recovered.requeued());
            }
            if (!recovered.inDoubt().isEmpty()) {
                log.warn(
                        "{} message(s) were handed to the relay without a recorded reply when Mailroom stopped; "
                                + "they are marked in doubt",
                        recovered.inDoubt().size());
            }
        } catch (RuntimeException e) {
            log.error("Could not check the outbox for messages left mid-send", e);
        }
        while (goOn()) {
            try {
                outbox.drain(PARALLELISM);
            } catch (RuntimeException e) {
                // The store or the network failed for a whole round; try again next round.
                log.error("An outbox round failed: {}", e.toString());
            }
            synchronized (lock) {
                if (!woken && running) {
                    try {
                        lock.wait(IDLE.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        running = false;
                    }
                }
                woken = false;
            }
        }
    }
}
