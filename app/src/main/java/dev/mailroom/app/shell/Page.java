package dev.mailroom.app.shell;

import javafx.scene.Node;

/** A screen in the main window's content area. */
public interface Page {
    Node root();

    /** Called each time the page is shown, and on F5: reload what it shows. */
    default void refresh() {}

    /** Ctrl+N: the page's primary "new" action, where it has one. */
    default void newItem() {}

    /** Ctrl+F: focus the page's filter, where it has one. */
    default void focusFilter() {}
}
