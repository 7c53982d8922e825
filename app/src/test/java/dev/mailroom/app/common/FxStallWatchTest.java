package dev.mailroom.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.testing.Poll;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stall watch behind {@code --watch-stalls}: work that holds the FX thread is counted as a stall with
 * its length, and the watch names the screen shown when it happened.
 */
class FxStallWatchTest {
    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    @Test
    void workThatHoldsTheFxThreadIsCountedWithItsLength() throws Exception {
        int[] asked = {0};
        try (FxStallWatch watch = FxStallWatch.start(Duration.ofMillis(100), () -> "page test-" + ++asked[0])) {
            CountDownLatch done = new CountDownLatch(1);
            Platform.runLater(() -> {
                // What a page must never do: block the FX thread (here on purpose, for 1.5 s).
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            Poll.forThe("the stall counted")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> watch.stalls() >= 1 ? java.util.Optional.of(true) : java.util.Optional.empty());
            // Far over the threshold even if the watch's own thread was late to post its probe on a busy machine.
            assertThat(watch.longest()).isGreaterThanOrEqualTo(Duration.ofMillis(700));
            assertThat(asked[0]).as("the screen was named for the stall").isPositive();
        }
    }
}
