package dev.mailroom.app.common;

import java.util.function.Consumer;
import javafx.collections.ObservableList;

/**
 * The one way to run work off the JavaFX Application Thread. Results and errors come back on the FX
 * thread; running jobs are listed for the status bar. Tests use {@link #synchronous()}.
 */
public interface BackgroundRunner {

    <T> Job run(Task<T> task);

    /** Jobs still running; changes arrive on the FX thread. */
    ObservableList<Job> jobs();

    void shutdown();

    static BackgroundRunner synchronous() {
        return new SynchronousRunner();
    }

    /** What to run and what to do with its outcome. */
    record Task<T>(
            String title, boolean cancellable, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        public static <T> Task<T> of(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
            return new Task<>(title, false, work, onSuccess, onError);
        }

        public Task<T> withCancel() {
            return new Task<>(title, true, work, onSuccess, onError);
        }
    }
}
