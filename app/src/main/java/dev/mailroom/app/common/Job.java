package dev.mailroom.app.common;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/** A running background job as the status bar shows it. */
public interface Job {
    String title();

    ReadOnlyDoubleProperty progress();

    ReadOnlyStringProperty message();

    /** Only jobs a person started and may stop offer cancel. */
    boolean cancellable();

    /**
     * Asks the job to stop at its next step. Never interrupts its thread; the job stays listed until its
     * work has returned, and then reports what it did (docs/decisions/0020).
     */
    void cancel();

    /** Cancel was asked for. */
    boolean cancelRequested();
}
