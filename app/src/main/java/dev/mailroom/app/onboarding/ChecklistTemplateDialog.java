package dev.mailroom.app.onboarding;

import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.Tables;
import dev.mailroom.model.onboarding.ChecklistItem;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The view of {@link ChecklistTemplateViewModel}: the template's items, Retire, and a new item's fields. */
final class ChecklistTemplateDialog {
    private ChecklistTemplateDialog() {}

    /** Shows the editor; true when the template changed. */
    static boolean show(Window owner, ChecklistTemplateViewModel vm) {
        Dialog<Boolean> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Onboarding checklist");
        dialog.setHeaderText("The checklist every client goes through. Items Mailroom sees tick themselves; a "
                + "person ticks the others with a note. A retired item is no longer asked; its answers stay.");
        dialog.setResizable(true);

        TableView<ChecklistItem> table = new TableView<>(vm.items());
        table.setId("checklist-items");
        table.getColumns().add(Tables.text("Section", ChecklistItem::section, 130));
        table.getColumns().add(Tables.text("Item", ChecklistItem::label, 390));
        table.getColumns()
                .add(Tables.text("Ticked", i -> i.fact().isPresent() ? "By Mailroom, from facts" : "By a person", 160));
        TableColumn<ChecklistItem, String> state = Tables.text("State", i -> i.retired() ? "Retired" : "Asked", 90);
        state.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String word, boolean empty) {
                super.updateItem(word, empty);
                setText(null);
                Chip chip = empty || word == null
                        ? null
                        : new Chip(word, "Retired".equals(word) ? Chip.Tone.NEUTRAL : Chip.Tone.SUCCESS);
                if (chip != null) {
                    chip.setMinWidth(Region.USE_PREF_SIZE);
                }
                setGraphic(chip);
            }
        });
        table.getColumns().add(state);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(320);

        Button retire = new Button("_Retire");
        retire.setId("checklist-retire");
        retire.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> vm.busy().get()
                                || table.getSelectionModel().getSelectedItem() == null
                                || table.getSelectionModel().getSelectedItem().retired(),
                        vm.busy(),
                        table.getSelectionModel().selectedItemProperty()));
        retire.setOnAction(e -> vm.retire(table.getSelectionModel().getSelectedItem()));

        ComboBox<String> section = new ComboBox<>(vm.sections());
        section.setId("checklist-section");
        section.setEditable(true);
        section.setPromptText("Section");
        section.setPrefWidth(180);
        section.getEditor().textProperty().bindBidirectional(vm.section());
        TextField label = new TextField();
        label.setId("checklist-label");
        label.setPromptText("What is to be checked, e.g. Privacy policy names the agency as processor");
        label.textProperty().bindBidirectional(vm.label());
        HBox.setHgrow(label, Priority.ALWAYS);
        Button add = new Button("_Add item");
        add.setId("checklist-add");
        add.disableProperty().bind(vm.busy());
        add.setOnAction(e -> vm.add());
        label.setOnAction(e -> vm.add());
        VBox sectionField =
                Forms.field("_Section", section, Forms.error(vm.errors().of("section")));
        VBox labelField =
                Forms.field("New _item", label, Forms.error(vm.errors().of("label")));
        HBox.setHgrow(labelField, Priority.ALWAYS);
        HBox addRow = new HBox(10, sectionField, labelField, add);
        addRow.setAlignment(Pos.BOTTOM_LEFT);

        Label outcome = new Label();
        outcome.setId("checklist-outcome");
        outcome.setWrapText(true);
        outcome.textProperty().bind(vm.outcome());

        VBox content = new VBox(
                10, table, retire, addRow, outcome, Forms.error(vm.errors().general()));
        content.setPrefWidth(780);
        dialog.getDialogPane().setContent(content);
        // The theme caps dialogs at 600 px; this one needs its table's width.
        dialog.getDialogPane().setStyle("-fx-max-width: 860;");
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        dialog.setResultConverter(b -> vm.changed().get());
        vm.load();
        return dialog.showAndWait().orElse(false);
    }
}
