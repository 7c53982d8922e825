package dev.mailroom.app.common;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.layout.VBox;

/**
 * Table columns over records: {@code PropertyValueFactory} cannot read record accessors, so every
 * text column is built here from a function of the row.
 */
public final class Tables {
    private Tables() {}

    public static <T> TableColumn<T, String> text(String title, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /**
     * While {@code loading}, the table says so instead of showing its empty state: "No domains yet" before
     * the first rows arrive would tell the person something false.
     */
    public static void placeholder(
            javafx.scene.control.TableView<?> table,
            javafx.beans.value.ObservableBooleanValue loading,
            javafx.scene.Node empty) {
        Label reading = new Label("Loading…", new javafx.scene.control.ProgressIndicator());
        ((javafx.scene.control.ProgressIndicator) reading.getGraphic()).setPrefSize(18, 18);
        reading.getStyleClass().add("text-muted");
        table.setPlaceholder(loading.get() ? reading : empty);
        loading.addListener((o, was, now) -> table.setPlaceholder(now ? reading : empty));
    }

    /** What an empty table shows: what belongs here and how to get the first one. */
    public static VBox emptyState(String title, String explanation) {
        Label heading = new Label(title);
        heading.getStyleClass().add("title-4");
        Label text = new Label(explanation);
        text.setWrapText(true);
        text.setMaxWidth(560);
        VBox box = new VBox(8, heading, text);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("empty-state");
        return box;
    }
}
