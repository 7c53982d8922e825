package dev.mailroom.model.sending;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Who claims messages: this console's sender, one instance per process, and how long its claims hold
 * unless it renews them. On a store shared by a team, a console that starts takes over only claims whose
 * owner's lease ran out (see decision 0036).
 *
 * @param instance a random id, new at each start; stored with every claim
 * @param length how long a renewal keeps the claims; renewed every third of it while sending
 */
public record SenderLease(String instance, Duration length) {
    /** Long enough for a relay's slowest reply and a pause of the process; short enough to take over soon. */
    public static final Duration DEFAULT_LENGTH = Duration.ofSeconds(60);

    public SenderLease {
        Objects.requireNonNull(instance, "instance");
        if (instance.isBlank() || instance.length() > 36) {
            throw new IllegalArgumentException("an instance id has 1 to 36 characters");
        }
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("a lease lasts some time");
        }
    }

    /** A new instance with the default lease. */
    public static SenderLease fresh() {
        return new SenderLease(UUID.randomUUID().toString(), DEFAULT_LENGTH);
    }

    public Duration renewEvery() {
        return length.dividedBy(3);
    }
}
