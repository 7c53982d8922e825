package dev.mailroom.app.sending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.session.Services;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-out stops the sender without waiting for it; a sign-in right after goes on with the same thread. */
class OutboxSenderTest {
    @TempDir
    Path dir;

    @Test
    void stopReturnsAFutureThatCompletesWhenTheThreadHasEnded() throws Exception {
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            Services s = Services.create(store, new MutableClock(Instant.parse("2026-11-02T09:00:00Z")));
            OutboxSender sender = new OutboxSender(s.outbox());
            sender.start();

            CompletableFuture<Void> stopped = sender.stop();
            stopped.get(30, TimeUnit.SECONDS);
            // The future completes as the loop ends, a moment before the thread itself has exited.
            dev.mailroom.model.testing.Poll.forThe("the outbox-sender thread to end")
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> Thread.getAllStackTraces().keySet().stream()
                                    .noneMatch(t -> t.getName().equals("outbox-sender") && t.isAlive())
                            ? java.util.Optional.of(true)
                            : java.util.Optional.empty());

            // Signing in again starts it again; a second stop ends it again.
            sender.start();
            assertThat(Thread.getAllStackTraces().keySet())
                    .anyMatch(t -> t.getName().equals("outbox-sender"));
            sender.stop().get(30, TimeUnit.SECONDS);
            assertThat(sender.stop()).isDone();
        }
    }

    @Test
    void aStartWhileTheLastRoundFinishesKeepsOneSender() throws Exception {
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            Services s = Services.create(store, new MutableClock(Instant.parse("2026-11-02T09:00:00Z")));
            OutboxSender sender = new OutboxSender(s.outbox());
            sender.start();
            CompletableFuture<Void> first = sender.stop();
            sender.start(); // sign-in again at once
            long senders = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("outbox-sender") && t.isAlive())
                    .count();
            assertThat(senders).isEqualTo(1);
            sender.stop().get(30, TimeUnit.SECONDS);
            assertThat(first).isDone();
        }
    }
}
