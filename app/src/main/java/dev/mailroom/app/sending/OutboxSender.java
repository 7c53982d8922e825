package dev.mailroom.app.sending;

import dev.mailroom.model.sending.Outbox;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agency's sender while someone is signed in: one daemon thread that first takes over what a stopped
 * process left claimed (queued again, or in doubt when it had reached the relay), then drains the outbox, sleeping between rounds until the next
 * round is due or {@link #wake()} says new mail was queued.
 */
public final class OutboxSender {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    /** Deferred messages become due over time; this is how often the sender looks without being woken. */
    private static final Duration IDLE = Duration.ofSeconds(15);

    private static final int PARALLELISM = 4;

    private final Outbox outbox;
    private final Object lock = new Object();
    private Thread thread;
    private boolean woken;
    private volatile boolean running;

    public OutboxSender(Outbox outbox) {
        this.outbox = outbox;
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
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

    /** Stops after the round under way; messages it claimed are recorded before the thread ends. */
    public synchronized void stop() {
        Thread t = thread;
        if (t == null) {
            return;
        }
        running = false;
        wake();
        try {
            t.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
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
        while (running) {
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
                        return;
                    }
                }
                woken = false;
            }
        }
    }
}
