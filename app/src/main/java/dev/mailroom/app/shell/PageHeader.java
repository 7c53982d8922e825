package dev.mailroom.app.shell;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** A page's title, an optional subtitle, and its one primary action at the top right. */
public final class PageHeader {
    private PageHeader() {}

    public static Node of(String title, String subtitle, Node... actions) {
        Label t = new Label(title);
        t.getStyleClass().add("page-title");
        VBox titles = new VBox(2, t);
        if (subtitle != null && !subtitle.isBlank()) {
            Label s = new Label(subtitle);
            s.getStyleClass().add("text-muted");
            // At 1280 a long subtitle wraps onto a second line rather than being cut with "…".
            s.setWrapText(true);
            s.setMinHeight(Region.USE_PREF_SIZE);
            titles.getChildren().add(s);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(10, titles, spacer);
        for (Node action : actions) {
            // Actions keep their whole labels ("Add d…" at 1280 beside a long subtitle); the subtitle wraps instead.
            if (action instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        box.getChildren().addAll(actions);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("page-header");
        return box;
    }
}
