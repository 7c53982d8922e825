package dev.mailroom.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread interrupted in the middle of an H2 write must not break the store for everyone else: the
 * console's Cancel no longer interrupts (docs/decisions/0020), and the store is opened so that an
 * interrupt from anywhere else (a library, a shutdown) cannot close its file either.
 */
class InterruptedWriterTest {
    @TempDir
    Path dir;

    @RepeatedTest(6)
    void aWriterInterruptedMidWriteLeavesTheStoreUsable() throws Exception {
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            store.dsl().execute("create table scratch (id bigint primary key, body varchar(2000))");
            AtomicLong written = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch writing = new CountDownLatch(1);
            Thread writer = new Thread(() -> {
                String body = "x".repeat(1500);
                for (long i = 0; !stop.get() && !Thread.currentThread().isInterrupted(); i++) {
                    try {
                        store.dsl().execute("insert into scratch values (?, ?)", i, body);
                    } catch (RuntimeException e) {
                        return; // the interrupt may surface as an error here; the store must survive it
                    }
                    written.incrementAndGet();
                    if (i == 200) {
                        writing.countDown();
                    }
                }
            });
            writer.start();
            writing.await();
            writer.interrupt(); // lands inside a write almost every time: the loop does little else
            stop.set(true); // H2's retry: file system clears the interrupt when it recovers
            writer.join();

            // Another thread (the next action in the console) still reads and writes.
            store.dsl().execute("insert into scratch values (?, ?)", -1L, "after");
            assertThat(store.dsl().fetchCount(store.dsl().selectFrom("scratch")))
                    .isGreaterThan(200);
        }
        // And the file opens again afterwards.
        try (Store again = Store.open(StoreConfig.h2(dir))) {
            assertThat(again.dsl().fetchValue("select body from scratch where id = -1"))
                    .isEqualTo("after");
        }
    }
}
