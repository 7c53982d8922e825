package dev.mailroom.app.common;

import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import javafx.collections.ObservableList;

/**
 * The one way to run work off the JavaFX Application Thread. Results and errors come back on the FX
 * thread; running jobs are listed for the status bar. Cancel is cooperative (see {@link Progress}).
 * A task without its own error handler is reported through the runner's {@link ErrorReporter} (the
 * console's is {@link Dialogs}). Tests use {@link #synchronous()}.
 */
public interface BackgroundRunner {

    <T> Job run(Task<T> task);

    /** Jobs still running; changes arrive on the FX thread. */
    ObservableList<Job> jobs();

    void shutdown();

    /**
     * Where errors of tasks without their own handler go; a handler that does its own part first (resets
     * a "busy" flag) passes the error on here.
     */
    default ErrorReporter reporter() {
        return (whatFailed, error) ->
                org.slf4j.LoggerFactory.getLogger(BackgroundRunner.class).error("{}", whatFailed, error);
    }

    static SynchronousRunner synchronous() {
        return new SynchronousRunner();
    }

    /** Where errors of tasks without their own handler go: one place, in words fit for a person. */
    @FunctionalInterface
    interface ErrorReporter {
        void report(String whatFailed, Throwable error);
    }

    /**
     * What to run and what to do with its outcome. {@code onError} is null for a task that leaves its
     * errors to the runner's {@link ErrorReporter}.
     */
    record Task<T>(
            String title, boolean cancellable, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        public static <T> Task<T> of(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
            return new Task<>(title, false, work, onSuccess, onError);
        }

        /** A task whose errors the runner reports (through {@link Dialogs} in the console). */
        public static <T> Task<T> of(String title, Work<T> work, Consumer<T> onSuccess) {
            return new Task<>(title, false, work, onSuccess, null);
        }

        public Task<T> withCancel() {
            return new Task<>(title, true, work, onSuccess, onError);
        }

        /** The handler to call with an error: the task's own, or one reporting to {@code reporter}. */
        public Consumer<Throwable> errorHandler(ErrorReporter reporter) {
            if (onError != null) {
                return onError;
            }
            return e -> {
                if (!(e instanceof CancellationException)) {
                    reporter.report(whatFailed(), e);
                }
            };
        }

        /** "Loading suppressions did not finish": the heading of the default error report. */
        public String whatFailed() {
            return title + " did not finish";
        }
    }
}
