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

    void cancel();
}
