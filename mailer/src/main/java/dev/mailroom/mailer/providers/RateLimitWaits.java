package dev.mailroom.mailer.providers;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sends a request and, when the provider answers 429 with a short wait (Retry-After or a rate-limit
 * reset), waits that long and asks again, a few times; a longer wait, or a 429 after the last try, is
 * returned to the caller, whose own back-off takes over. A 429 means the provider did nothing, so asking
 * again cannot send twice.
 */
public final class RateLimitWaits {
    /** Waits as a sleeping thread does; tests may count them. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final ApiCall call;
    private final Clock clock;
    private final Sleeper sleeper;
    private final int maxWaits;
    private final Duration longestWait;

    public RateLimitWaits(ApiCall call, Clock clock, Sleeper sleeper, int maxWaits, Duration longestWait) {
        this.call = call;
        this.clock = clock;
        this.sleeper = sleeper;
        this.maxWaits = maxWaits;
        this.longestWait = longestWait;
    }

    public static RateLimitWaits of(ApiCall call, Clock clock) {
        return new RateLimitWaits(call, clock, d -> Thread.sleep(d.toMillis()), 3, Duration.ofSeconds(30));
    }

    /**
     * For background reads (activity and suppression syncs): a provider's per-minute limit (MailerSend's)
     * asks for waits up to a minute, and a sync that waits uses the whole limit where one that stops at the
     * first 429 would use a fraction of it. Nobody waits on a sender thread for these.
     */
    public static RateLimitWaits forSync(ApiCall call, Clock clock) {
        return new RateLimitWaits(call, clock, d -> Thread.sleep(d.toMillis()), 10, Duration.ofSeconds(65));
    }

    public ApiCall call() {
        return call;
    }

    public Clock clock() {
        return clock;
    }

    public ApiResponse exchange(String provider, Supplier<HttpRequest> request) throws ApiCallFailure {
        for (int waits = 0; ; waits++) {
            ApiResponse r = call.exchange(provider, request.get());
            if (r.status() != 429 || waits >= maxWaits) {
                return r;
            }
            Optional<Duration> wait = r.retryAfter(clock.instant());
            if (wait.isEmpty() || wait.get().compareTo(longestWait) > 0) {
                return r;
            }
            try {
                sleeper.sleep(wait.get().isZero() ? Duration.ofMillis(50) : wait.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
        }
    }
}
