package dev.mailroom.app.common;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs tasks on named daemon threads through {@link javafx.concurrent.Task}. */
public final class FxBackgroundRunner implements BackgroundRunner {
    private static final Logger log = LoggerFactory.getLogger(FxBackgroundRunner.class);

    private final ExecutorService executor;
    private final ObservableList<Job> jobs = FXCollections.observableArrayList();

    public FxBackgroundRunner(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "mailroom-background-" + count.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> log.error("Uncaught exception in {}", th.getName(), e));
            return t;
        };
        this.executor = Executors.newFixedThreadPool(threads, factory);
    }

    @Override
    public <T> Job run(Task<T> task) {
        FxJob<T> job = new FxJob<>(task);
        jobs.add(job);
        job.fx.setOnSucceeded(e -> {
            jobs.remove(job);
            task.onSuccess().accept(job.fx.getValue());
        });
        job.fx.setOnFailed(e -> {
            jobs.remove(job);
            Throwable error = job.fx.getException();
            if (!(error instanceof dev.mailroom.model.common.MailroomException)) {
                log.error("Background job '{}' failed", task.title(), error);
            }
            task.onError().accept(error);
        });
        job.fx.setOnCancelled(e -> {
            jobs.remove(job);
            task.onError().accept(new CancellationException(task.title() + " was cancelled."));
        });
        try {
            executor.execute(job.fx);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The console is closing: a late callback (a dialog closed by the shutdown) asked for more work.
            jobs.remove(job);
            log.debug("Ignored '{}': the console is shutting down", task.title());
        }
        return job;
    }

    @Override
    public ObservableList<Job> jobs() {
        return jobs;
    }

    @Override
    public void shutdown() {
        executor.shutdown();
        try {
            // Give short writes (settings, the last audit entries) a moment to finish.
            executor.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }

    private static final class FxJob<T> implements Job {
        private final Task<T> task;
        private final WorkTask<T> fx;

        FxJob(Task<T> task) {
            this.task = task;
            this.fx = new WorkTask<>(task);
        }

        @Override
        public String title() {
            return task.title();
        }

        @Override
        public ReadOnlyDoubleProperty progress() {
            return fx.progressProperty();
        }

        @Override
        public ReadOnlyStringProperty message() {
            return fx.messageProperty();
        }

        @Override
        public boolean cancellable() {
            return task.cancellable();
        }

        @Override
        public void cancel() {
            fx.cancel(true);
        }
    }

    /** Adapts {@link Work} to JavaFX's Task, whose progress and message properties are updated on the FX thread. */
    private static final class WorkTask<T> extends javafx.concurrent.Task<T> implements Progress {
        private final Task<T> task;

        WorkTask(Task<T> task) {
            this.task = task;
            updateMessage(task.title());
        }

        @Override
        protected T call() throws Exception {
            return task.work().run(this);
        }

        @Override
        public void update(long done, long total, String message) {
            updateProgress(done, total);
            if (message != null) {
                updateMessage(message);
            }
        }
    }
}
