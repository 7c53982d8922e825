package dev.mailroom.model.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to try a temporarily failed message again: exponential back-off from {@code firstDelay},
 * doubling up to {@code maxDelay}, with jitter so that a batch deferred together does not return
 * together, and no attempt after {@code maxAge} from queueing.
 *
 * @param jitter the fraction of the delay drawn at random: 0.5 gives a delay between half and all of it
 */
public record RetryPolicy(Duration firstDelay, Duration maxDelay, Duration maxAge, double jitter) {
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(3), 0.5);

    public RetryPolicy {
        if (firstDelay.isNegative()
                || firstDelay.isZero()
                || maxDelay.compareTo(firstDelay) < 0
                || maxAge.isNegative()) {
            throw new IllegalArgumentException("delays must be positive and maxDelay >= firstDelay");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter is a fraction from 0 to 1");
        }
    }

    /**
     * @param attempts attempts made so far (1 after the first failure)
     * @param random a number in [0, 1)
     * @return the next attempt time, or empty when the message is too old to try again
     */
    public Optional<Instant> nextAttempt(int attempts, Instant queuedAt, Instant now, double random) {
        long first = firstDelay.toMillis();
        long cap = maxDelay.toMillis();
        int doublings = Math.min(Math.max(attempts - 1, 0), 40);
        long delay = first > cap >> doublings ? cap : Math.min(cap, first << doublings);
        long jittered = Math.round(delay * (1 - jitter + jitter * random));
        Instant next = now.plusMillis(Math.max(1, jittered));
        return next.isAfter(queuedAt.plus(maxAge)) ? Optional.empty() : Optional.of(next);
    }
}
