package dev.mailroom.app.common;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Runs each task at once on the calling thread: for view-model tests without a window. */
final class SynchronousRunner implements BackgroundRunner {
    private final ObservableList<Job> jobs = FXCollections.observableArrayList();

    @Override
    public <T> Job run(Task<T> task) {
        T result;
        try {
            result = task.work().run(Progress.NONE);
        } catch (Exception e) {
            task.onError().accept(e);
            return null;
        }
        task.onSuccess().accept(result);
        return null;
    }

    @Override
    public ObservableList<Job> jobs() {
        return jobs;
    }

    @Override
    public void shutdown() {}
}
