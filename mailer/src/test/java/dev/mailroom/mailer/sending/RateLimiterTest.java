package dev.mailroom.mailer.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    @Test
    void spacesPermitsEvenlyAndDoesNotSaveUpIdleTime() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        List<Long> waits = new ArrayList<>();
        RateLimiter limiter = new RateLimiter(5, now::get, waits::add);
        for (int i = 0; i < 4; i++) {
            limiter.acquire();
        }
        // 5 a second: the 2nd waits 200 ms, the 3rd 400 ms, the 4th 600 ms (time does not move here).
        assertThat(waits).containsExactly(200_000_000L, 400_000_000L, 600_000_000L);

        now.addAndGet(10_000_000_000L); // ten idle seconds do not buy a burst
        waits.clear();
        limiter.acquire();
        limiter.acquire();
        assertThat(waits).containsExactly(200_000_000L);
    }

    @Test
    void zeroMeansNoLimit() throws Exception {
        List<Long> waits = new ArrayList<>();
        RateLimiter limiter = new RateLimiter(0, () -> 0L, waits::add);
        for (int i = 0; i < 100; i++) {
            limiter.acquire();
        }
        assertThat(waits).isEmpty();
    }
}
