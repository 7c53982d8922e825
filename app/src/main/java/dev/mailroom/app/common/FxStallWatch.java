package dev.mailroom.app.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the JavaFX Application Thread for stalls (issue 19; started with {@code --watch-stalls}): a
 * daemon thread posts a no-op to the FX thread every 20 ms and measures how long it waited to run. A wait
 * over the threshold is a stall the person felt: it is logged with the screen shown and what the FX thread
 * was doing at that moment (its stack, sampled while it was stuck), so the work can be moved off it.
 * At close the longest stall and the count are logged. Costs one short task on the FX thread each 20 ms,
 * hence off by default.
 */
public final class FxStallWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FxStallWatch.class);
    private static final long TICK_MILLIS = 20;

    private final long thresholdNanos;
    private final Supplier<String> where;
    private final java.util.concurrent.ScheduledExecutorService watcher;
    private final AtomicLong longestNanos = new AtomicLong();
    private final AtomicLong stalls = new AtomicLong();
    private volatile Thread fxThread;
    /** When the pending probe was posted; 0 when none is pending. */
    private volatile long postedAt;

    private volatile String sampled;

    private FxStallWatch(Duration threshold, Supplier<String> where) {
        this.thresholdNanos = threshold.toNanos();
        this.where = where;
        this.watcher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fx-stall-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts watching; {@code where} names the screen shown (read on the FX thread). */
    public static FxStallWatch start(Duration threshold, Supplier<String> where) {
        FxStallWatch w = new FxStallWatch(threshold, where);
        w.watcher.scheduleAtFixedRate(w::tick, 0, TICK_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        return w;
    }

    public Duration longest() {
        return Duration.ofNanos(longestNanos.get());
    }

    public long stalls() {
        return stalls.get();
    }

    /** Each tick: post a probe when none is pending, or sample the stack of an FX thread stuck on one. */
    private void tick() {
        long posted = postedAt;
        if (posted == 0) {
            long now = System.nanoTime();
            postedAt = now;
            sampled = null;
            Platform.runLater(() -> ran(now));
        } else if (sampled == null && System.nanoTime() - posted > thresholdNanos && fxThread != null) {
            // Stuck right now: what is the FX thread doing?
            sampled = describe(fxThread.getStackTrace());
        }
    }

    private void ran(long posted) {
        fxThread = Thread.currentThread();
        long waited = System.nanoTime() - posted;
        postedAt = 0;
        longestNanos.accumulateAndGet(waited, Math::max);
        if (waited > thresholdNanos) {
            stalls.incrementAndGet();
            String stack = sampled;
            log.warn(
                    "The FX thread was busy for {} ms on {}{}",
                    waited / 1_000_000,
                    where.get(),
                    stack == null ? "" : "; it was at:\n" + stack);
        }
    }

    /** The top of the stack and our own frames below it: enough to find the call to move off the thread. */
    private static String describe(StackTraceElement[] stack) {
        List<String> lines = new ArrayList<>();
        int ours = 0;
        for (int i = 0; i < stack.length; i++) {
            boolean mine = stack[i].getClassName().startsWith("dev.mailroom.");
            if (i < 8 || (mine && ours++ < 8)) {
                lines.add("    at " + stack[i]);
            } else if (i == 8) {
                lines.add("    …");
            }
        }
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        watcher.shutdownNow();
        log.info(
                "FX thread: longest stall {} ms, {} over the threshold",
                longest().toMillis(),
                stalls());
    }
}
