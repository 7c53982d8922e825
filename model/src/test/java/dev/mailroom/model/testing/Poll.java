package dev.mailroom.model.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for something another process or thread does, without Awaitility: asks a probe every
 * {@code every} until it has an answer, and fails (never hangs) when the other side has stopped or the
 * bound has passed. The bound is a ceiling for a stuck test, not a speed claim: keep it generous.
 */
public final class Poll {
    private final String what;
    private Duration atMost = Duration.ofSeconds(120);
    private Duration every = Duration.ofMillis(50);
    private BooleanSupplier stopped = () -> false;
    private Supplier<String> context = () -> "";

    private Poll(String what) {
        this.what = what;
    }

    /** {@code what}: what is awaited, for the failure message ("a line \"instance …\" in a.log"). */
    public static Poll forThe(String what) {
        return new Poll(what);
    }

    public Poll atMost(Duration bound) {
        this.atMost = bound;
        return this;
    }

    public Poll every(Duration interval) {
        this.every = interval;
        return this;
    }

    /** Gives up early when this turns true (the process that should answer has ended). */
    public Poll unless(BooleanSupplier otherSideStopped) {
        this.stopped = otherSideStopped;
        return this;
    }

    /** What to show on failure besides {@code what} (the log so far). */
    public Poll showing(Supplier<String> context) {
        this.context = context;
        return this;
    }

    /** The probe's first answer; the probe is asked once more after the other side stopped. */
    public <T> T until(Callable<Optional<T>> probe) throws Exception {
        long end = System.nanoTime() + atMost.toNanos();
        while (true) {
            boolean last = stopped.getAsBoolean() || System.nanoTime() >= end;
            Optional<T> answer = probe.call();
            if (answer.isPresent()) {
                return answer.get();
            }
            if (last) {
                String why = stopped.getAsBoolean() ? "the other side stopped" : "not within " + atMost;
                throw new AssertionError("Waited for " + what + ", " + why + ".\n" + context.get());
            }
            Thread.sleep(every.toMillis());
        }
    }
}
