package dev.mailroom.app.common;

import dev.mailroom.model.common.Cancellation;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Runs each task at once on the calling thread: for view-model tests without a window. Errors of tasks
 * without their own handler are kept in {@link #reported()}; {@link #cancelAfterUpdates(int)} presses
 * Cancel from inside a running job, as a person would while it writes.
 */
public final class SynchronousRunner implements BackgroundRunner {
    private final ObservableList<Job> jobs = FXCollections.observableArrayList();
    private final List<String> reported = new ArrayList<>();
    private int cancelAfterUpdates = -1;

    /** The next job is cancelled once it has reported this many progress updates. */
    public SynchronousRunner cancelAfterUpdates(int updates) {
        this.cancelAfterUpdates = updates;
        return this;
    }

    /** "What failed: message" for each error reported through the default path. */
    public List<String> reported() {
        return reported;
    }

    @Override
    public <T> Job run(Task<T> task) {
        Cancellation cancellation = new Cancellation();
        int cancelAfter = cancelAfterUpdates;
        cancelAfterUpdates = -1;
        ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
        ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(task.title());
        Progress p = new Progress() {
            private int updates;

            @Override
            public void update(long done, long total, String text) {
                progress.set(total <= 0 ? -1 : (double) done / total);
                if (text != null) {
                    message.set(text);
                }
                if (cancelAfter >= 0 && ++updates >= cancelAfter) {
                    cancellation.cancel();
                }
            }

            @Override
            public Cancellation cancellation() {
                return cancellation;
            }
        };
        Job job = new Job() {
            @Override
            public String title() {
                return task.title();
            }

            @Override
            public ReadOnlyDoubleProperty progress() {
                return progress.getReadOnlyProperty();
            }

            @Override
            public ReadOnlyStringProperty message() {
                return message.getReadOnlyProperty();
            }

            @Override
            public boolean cancellable() {
                return task.cancellable();
            }

            @Override
            public void cancel() {
                cancellation.cancel();
            }

            @Override
            public boolean cancelRequested() {
                return cancellation.isCancelled();
            }
        };
        if (cancelAfter == 0) {
            cancellation.cancel();
        }
        T result;
        try {
            result = task.work().run(p);
        } catch (Exception e) {
            task.errorHandler(reporter()).accept(e);
            return job;
        }
        task.onSuccess().accept(result);
        return job;
    }

    @Override
    public ErrorReporter reporter() {
        return (what, error) -> {
            if (!(error instanceof java.util.concurrent.CancellationException)) {
                reported.add(what + ": " + Dialogs.messageFor(error));
            }
        };
    }

    @Override
    public ObservableList<Job> jobs() {
        return jobs;
    }

    @Override
    public void shutdown() {}
}
