package dev.mailroom.app.common;

import javafx.beans.binding.Bindings;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

/**
 * The "Columns" menu of a table, over a {@link ColumnChoice}: a tick per column a person may show or
 * hide, and "Show the default columns". The table's columns (matched by id) follow the choice, and the
 * table's width decides the defaults until the person picks.
 */
public final class ColumnPicker {
    private ColumnPicker() {}

    /**
     * Binds the table's columns to the choice and returns the menu button for the page header. The column
     * {@code fillId} takes the room the others leave (a long name wraps less), never less than its own width.
     */
    public static MenuButton of(TableView<?> table, ColumnChoice choice, String fillId) {
        for (TableColumn<?, ?> c : table.getColumns()) {
            if (c.getId() == null) {
                throw new IllegalArgumentException("Column " + c.getText() + " has no id");
            }
            ColumnChoice.Column spec = choice.columns().stream()
                    .filter(s -> s.id().equals(c.getId()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No column " + c.getId() + " in the choice"));
            // The width the defaults were counted with: what fits is what shows.
            c.setPrefWidth(spec.width());
            c.visibleProperty().bindBidirectional(choice.visible(c.getId()));
        }
        table.widthProperty().addListener((o, was, now) -> choice.fitTo(now.doubleValue()));
        choice.fitTo(table.getWidth());
        Tables.fill(
                table,
                table.getColumns().stream()
                        .filter(c -> fillId.equals(c.getId()))
                        .findFirst()
                        .orElseThrow());

        MenuButton menu = new MenuButton("Col_umns", Icons.columns());
        menu.setId(table.getId() + "-columns");
        menu.setMinWidth(Region.USE_PREF_SIZE);
        menu.setTooltip(new Tooltip("Choose the columns of this table; your choice is kept for you."));
        for (ColumnChoice.Column c : choice.pickable()) {
            CheckMenuItem item = new CheckMenuItem(c.title());
            item.setId(table.getId() + "-column-" + c.id());
            item.selectedProperty().bindBidirectional(choice.visible(c.id()));
            menu.getItems().add(item);
        }
        MenuItem reset = new MenuItem("Show the default columns for this width");
        reset.setId(table.getId() + "-columns-default");
        reset.disableProperty().bind(Bindings.not(choice.chosen()));
        reset.setOnAction(e -> choice.resetToDefaults());
        menu.getItems().addAll(new SeparatorMenuItem(), reset);
        return menu;
    }
}
