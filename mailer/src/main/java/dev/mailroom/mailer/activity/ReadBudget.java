package dev.mailroom.mailer.activity;

import java.time.Duration;

/**
 * The time one message may take to read (issue 13). The parser's scans are linear and its inputs bounded,
 * so a real message takes milliseconds; the budget is the guard should some input still take long: the
 * message is then recorded as unreadable and the next one is read, so one message never stalls a mailbox.
 * Kept per thread because a reader reads one message at a time on its thread; the scans check it per line.
 */
final class ReadBudget {
    /** Thrown by {@link #check()} once the message's time is up. */
    static final class Exceeded extends RuntimeException {
        Exceeded() {
            super(null, null, false, false);
        }
    }

    private static final ThreadLocal<long[]> DEADLINE = new ThreadLocal<>();

    private ReadBudget() {}

    static void start(Duration budget) {
        DEADLINE.set(new long[] {System.nanoTime() + budget.toNanos()});
    }

    static void end() {
        DEADLINE.remove();
    }

    /** Throws {@link Exceeded} when the message being read on this thread has used its time. */
    static void check() {
        long[] deadline = DEADLINE.get();
        if (deadline != null && System.nanoTime() - deadline[0] >= 0) {
            throw new Exceeded();
        }
    }
}
