package dev.mailroom.model.domains;

import dev.mailroom.model.common.Cancellation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs one task per item on at most {@code parallelism} named daemon threads, calls back after each
 * (from the worker thread) and skips the items not started yet once cancelled. Results come back in
 * completion order. Used by "check all domains" and measured by the bench module.
 */
public final class BoundedRunner {
    private BoundedRunner() {}

    public static <T, R> List<R> run(
            List<T> items,
            int parallelism,
            String threadName,
            Function<T, R> work,
            BiConsumer<Integer, R> onDone,
            Cancellation cancel) {
        List<R> results = Collections.synchronizedList(new ArrayList<>());
        if (items.isEmpty()) {
            return results;
        }
        AtomicInteger done = new AtomicInteger();
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, items.size())), r -> {
            Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    if (cancel.isCancelled()) {
                        return;
                    }
                    R r = work.apply(item);
                    results.add(r);
                    onDone.accept(done.incrementAndGet(), r);
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(c);
                } catch (InterruptedException e) {
                    cancel.cancel();
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new ArrayList<>(results);
    }
}
