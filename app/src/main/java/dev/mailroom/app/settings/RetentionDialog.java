package dev.mailroom.app.settings;

import dev.mailroom.app.common.Forms;
import dev.mailroom.model.activity.EventRetentionService;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** A small dialog from the user menu (agency owner): how long raw events are kept. */
public final class RetentionDialog {
    private RetentionDialog() {}

    public static void show(Window owner, RetentionViewModel vm) {
        Spinner<Integer> days = new Spinner<>(
                EventRetentionService.MIN_DAYS,
                EventRetentionService.MAX_DAYS,
                vm.days().get(),
                30);
        days.setId("retention-days");
        days.setEditable(true);
        vm.days().addListener((o, was, now) -> days.getValueFactory().setValue(now.intValue()));
        days.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.days().set(now);
            }
        });
        Label about = new Label("Each event (sent, delivered, bounced, opened…) is kept with its recipient and details "
                + "for this many days, for the message log. After that it is dropped once a day; the daily counts "
                + "behind analytics and the overview stay.");
        about.setWrapText(true);
        about.setMaxWidth(420);
        about.getStyleClass().add("text-muted");
        var e = vm.errors();
        VBox content =
                new VBox(10, about, Forms.field("Keep raw events for (_days)", days, e.labelFor("days")), e.general());

        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Event retention");
        dialog.setHeaderText("How long raw events are kept");
        dialog.getDialogPane().setContent(content);
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, save);
        Button saveButton = (Button) dialog.getDialogPane().lookupButton(save);
        saveButton.setId("retention-save");
        saveButton.disableProperty().bind(vm.busy());
        saveButton.addEventFilter(javafx.event.ActionEvent.ACTION, ev -> {
            ev.consume();
            days.commitValue(); // a typed number counts even before the field loses focus
            vm.save(dialog::close);
        });
        vm.load();
        dialog.showAndWait();
    }
}
