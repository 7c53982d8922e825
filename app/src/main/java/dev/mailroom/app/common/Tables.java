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
        c.setCellFactory(col -> new WholeInTooltip<>());
        c.setPrefWidth(width);
        return c;
    }

    /** As {@link #text(String, Function, double)}, with an id (a {@link ColumnChoice} matches columns by it). */
    public static <T> TableColumn<T, String> text(String id, String title, Function<T, String> value, double width) {
        TableColumn<T, String> c = text(title, value, width);
        c.setId(id);
        return c;
    }

    /**
     * A text column whose values wrap onto more lines instead of being cut: for values people must read whole
     * (a user's roles in several clients, a warm-up stage), which a 75-character client name would cut at 1280.
     * A value of several lines (joined with "\n") shows its first {@value #WRAPPED_LINES} and how many more; the
     * tooltip has them all.
     */
    public static <T> TableColumn<T, String> wrapped(String id, String title, Function<T, String> value, double width) {
        TableColumn<T, String> c = text(id, title, value, width);
        c.setCellFactory(col -> new WholeInTooltip<>(true));
        return c;
    }

    static final int WRAPPED_LINES = 3;

    /** The first lines of a value of several, and how many more there are. */
    static String firstLines(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length <= WRAPPED_LINES) {
            return text;
        }
        return String.join("\n", java.util.Arrays.asList(lines).subList(0, WRAPPED_LINES - 1)) + "\n… and "
                + (lines.length - WRAPPED_LINES + 1) + " more";
    }

    /** A text cell whose whole text is in its tooltip: a value cut at the column's edge can still be read. */
    private static final class WholeInTooltip<T> extends javafx.scene.control.TableCell<T, String> {
        private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        private final boolean wrap;

        WholeInTooltip() {
            this(false);
        }

        WholeInTooltip(boolean wrap) {
            this.wrap = wrap;
            setWrapText(wrap);
        }

        /**
         * A wrapped cell is as tall as its lines at its column's width: the theme gives cells a fixed size, which
         * fits two lines and cuts the third.
         */
        @Override
        protected double computePrefHeight(double width) {
            double fixed = super.computePrefHeight(width);
            if (!wrap || getText() == null || getTableColumn() == null) {
                return fixed;
            }
            javafx.geometry.Insets pad = getPadding();
            double room = (getWidth() > 0 ? getWidth() : getTableColumn().getWidth()) - pad.getLeft() - pad.getRight();
            if (room < 40) {
                return fixed; // not laid out yet (a hidden tab): a word a line would make the row huge
            }
            measure.setFont(getFont());
            measure.setText(getText());
            measure.setWrappingWidth(room - 2);
            return Math.max(fixed, Math.ceil(measure.getLayoutBounds().getHeight()) + pad.getTop() + pad.getBottom());
        }

        private final javafx.scene.text.Text measure = new javafx.scene.text.Text();

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            String text = empty || item == null ? null : item;
            setText(text == null || !wrap ? text : firstLines(text));
            tip.setText(text);
            setTooltip(text == null || text.isBlank() ? null : tip);
        }
    }

    /**
     * The table's columns keep their widths and {@code fill} takes the room the visible others leave (never less
     * than its own width then), as the table and the columns shown change: no empty strip at the right, no
     * column squeezed to "…" because another grew. Should they not fit, a scroll bar reaches them.
     */
    public static void fill(javafx.scene.control.TableView<?> table, TableColumn<?, ?> fill) {
        table.setColumnResizePolicy(javafx.scene.control.TableView.UNCONSTRAINED_RESIZE_POLICY);
        double least = fill.getPrefWidth();
        Runnable widen = () -> {
            double others = table.getColumns().stream()
                    .filter(c -> c != fill && c.isVisible())
                    .mapToDouble(TableColumn::getPrefWidth)
                    .sum();
            fill.setPrefWidth(Math.max(least, Math.floor(table.getWidth() - ColumnChoice.SLACK - others)));
        };
        table.widthProperty().addListener((o, was, now) -> widen.run());
        table.getColumns().forEach(c -> c.visibleProperty().addListener((o, was, now) -> widen.run()));
        widen.run();
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
        // Centred under the heading however it wraps, and as tall as its lines.
        text.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        text.setAlignment(Pos.CENTER);
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox box = new VBox(8, heading, text);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("empty-state");
        return box;
    }
}
