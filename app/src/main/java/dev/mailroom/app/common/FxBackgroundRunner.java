package dev.mailroom.app.common;

import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.MailroomException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on named daemon threads through {@link javafx.concurrent.Task}. Cancel only sets the job's
 * flag: a thread is never interrupted, because an interrupt inside an H2 write closes the store's file
 * for every later action (docs/decisions/0020).
 */
public final class FxBackgroundRunner implements BackgroundRunner {
    private static final Logger log = LoggerFactory.getLogger(FxBackgroundRunner.class);

    private final ExecutorService executor;
    private final ErrorReporter reporter;
    private final ObservableList<Job> jobs = FXCollections.observableArrayList();

    /** @param reporter where errors of tasks without their own handler go (the console: {@link Dialogs}) */
    public FxBackgroundRunner(int threads, ErrorReporter reporter) {
        this.reporter = reporter;
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
            if (error instanceof CancellationException) {
                log.info("Background job '{}' stopped on Cancel", task.title());
            } else if (!(error instanceof MailroomException)) {
                log.error("Background job '{}' failed", task.title(), error);
            }
            task.errorHandler(reporter).accept(error);
        });
        try {
            executor.execute(job.fx);
        } catch (RejectedExecutionException e) {
            // The console is closing: a late callback (a dialog closed by the shutdown) asked for more work.
            jobs.remove(job);
            log.debug("Ignored '{}': the console is shutting down", task.title());
        }
        return job;
    }

    @Override
    public ErrorReporter reporter() {
        return reporter;
    }

    @Override
    public ObservableList<Job> jobs() {
        return jobs;
    }

    /** {@link #shutdownWithin} three seconds: short writes (settings, the last audit entries) finish. */
    @Override
    public void shutdown() {
        shutdownWithin(java.time.Duration.ofSeconds(3));
    }

    /**
     * Asks every running job to stop and waits up to {@code grace} for them to finish their current
     * write; any still running ends with the process (the threads are daemons). Nothing is interrupted.
     */
    public void shutdownWithin(java.time.Duration grace) {
        List.copyOf(jobs).forEach(Job::cancel);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("Background jobs still running at shutdown were asked to stop and are left to end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class FxJob<T> implements Job {
        private final Task<T> task;
        private final Cancellation cancellation = new Cancellation();
        private final WorkTask<T> fx;

        FxJob(Task<T> task) {
            this.task = task;
            this.fx = new WorkTask<>(task, cancellation);
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
            if (!cancellation.isCancelled()) {
                cancellation.cancel();
                fx.cancelling();
            }
        }

        @Override
        public boolean cancelRequested() {
            return cancellation.isCancelled();
        }
    }

    /**
     * Adapts {@link Work} to JavaFX's Task, whose progress and message properties are updated on the FX
     * thread. JavaFX's own {@code cancel()} is never called: it would interrupt the thread.
     */
    private static final class WorkTask<T> extends javafx.concurrent.Task<T> {
        private final Task<T> task;
        private final Cancellation cancellation;
        private final Progress progress = new Progress() {
            @Override
            public void update(long done, long total, String message) {
                updateProgress(done, total);
                if (message != null && !cancellation.isCancelled()) {
                    updateMessage(message);
                }
            }

            @Override
            public Cancellation cancellation() {
                return cancellation;
            }
        };

        WorkTask(Task<T> task, Cancellation cancellation) {
            this.task = task;
            this.cancellation = cancellation;
            updateMessage(task.title());
        }

        void cancelling() {
            updateMessage(task.title() + ": stopping…");
        }

        @Override
        protected T call() throws Exception {
            return task.work().run(progress);
        }
    }
}
