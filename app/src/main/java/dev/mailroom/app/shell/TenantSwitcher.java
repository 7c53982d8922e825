package dev.mailroom.app.shell;

import dev.mailroom.model.tenants.Tenant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Ctrl+K: a search box over every tenant the person may see. Type to filter, arrows to move, Enter to
 * switch, Esc to close.
 */
public final class TenantSwitcher {
    private TenantSwitcher() {}

    public static void open(Window owner, ObservableList<Tenant> tenants, Consumer<Tenant> onChosen) {
        Dialog<Tenant> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Switch tenant");
        dialog.setHeaderText(null);

        TextField search = new TextField();
        search.setId("switcher-search");
        search.setPromptText("Type a client's name…");
        FilteredList<Tenant> shown = new FilteredList<>(tenants);
        ListView<Tenant> list = new ListView<>(shown);
        list.setId("switcher-list");
        list.setPrefSize(420, 320);
        list.setCellFactory(v -> new TenantCell());
        Label empty = new Label("No client matches.");
        list.setPlaceholder(empty);

        search.textProperty().addListener((o, was, text) -> {
            String q = text.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(
                    t -> q.isEmpty() || t.name().toLowerCase(Locale.ROOT).contains(q));
            list.getSelectionModel().selectFirst();
        });
        list.getSelectionModel().selectFirst();
        // Arrows and Enter work while typing in the search box.
        search.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DOWN) {
                list.getSelectionModel().selectNext();
                list.scrollTo(list.getSelectionModel().getSelectedIndex());
                e.consume();
            } else if (e.getCode() == KeyCode.UP) {
                list.getSelectionModel().selectPrevious();
                list.scrollTo(list.getSelectionModel().getSelectedIndex());
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                // Enter takes the highlighted match, or the only/first one when nothing is highlighted.
                Tenant chosen = Optional.ofNullable(list.getSelectionModel().getSelectedItem())
                        .orElse(shown.isEmpty() ? null : shown.get(0));
                if (chosen != null) {
                    dialog.setResult(chosen);
                    dialog.close();
                }
                e.consume();
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                dialog.setResult(list.getSelectionModel().getSelectedItem());
                dialog.close();
            }
        });

        dialog.getDialogPane().setContent(new VBox(8, search, list));
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, ButtonType.OK);
        Button ok = (Button) dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.setText("Switch");
        ok.disableProperty()
                .bind(list.getSelectionModel().selectedItemProperty().isNull());
        dialog.setResultConverter(
                b -> b == ButtonType.OK ? list.getSelectionModel().getSelectedItem() : null);
        dialog.setOnShown(e -> javafx.application.Platform.runLater(search::requestFocus));
        Optional<Tenant> chosen = dialog.showAndWait();
        chosen.ifPresent(onChosen);
    }

    static final class TenantCell extends ListCell<Tenant> {
        TenantCell() {
            setPrefWidth(0); // the list's width decides, not the longest name
        }

        @Override
        protected void updateItem(Tenant t, boolean empty) {
            super.updateItem(t, empty);
            if (empty || t == null) {
                setGraphic(null);
                setText(null);
                setTooltip(null);
                return;
            }
            Label name = new Label(t.name());
            // A long name is cut with "…" inside the list (whole in the tooltip), no sideways scrolling.
            name.setMinWidth(0);
            setTooltip(new javafx.scene.control.Tooltip(t.name()));
            HBox row = new HBox(8, AccentDot.of(t.accentColor(), 6), name);
            if (t.isArchived()) {
                Label archived = new Label("Archived");
                archived.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                archived.getStyleClass().addAll("chip", "chip-neutral");
                row.getChildren().add(archived);
            }
            row.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(row);
        }
    }
}
