package dev.mailroom.app.tenants;

import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Destructive actions on a tenant: say what is destroyed, and ask to type the tenant's name. */
final class ConfirmByNameDialog {
    private ConfirmByNameDialog() {}

    /** The typed name when the person confirmed, empty when they cancelled. */
    static Optional<String> ask(Window owner, String title, String explanation, String tenantName, String actionLabel) {
        Dialog<String> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        Label text = new Label(explanation);
        text.setWrapText(true);
        text.setMaxWidth(440);
        Label prompt = new Label("Type \"" + tenantName + "\" to confirm:");
        TextField typed = new TextField();
        typed.setId("confirm-name");
        dialog.getDialogPane().setContent(new VBox(10, text, prompt, typed));
        ButtonType confirm = new ButtonType(actionLabel, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, confirm);
        Button confirmButton = (Button) dialog.getDialogPane().lookupButton(confirm);
        confirmButton.setId("confirm-action");
        confirmButton.getStyleClass().add("danger");
        confirmButton
                .disableProperty()
                .bind(typed.textProperty().map(s -> !s.strip().equals(tenantName)));
        dialog.setResultConverter(b -> b == confirm ? typed.getText() : null);
        dialog.setOnShown(e -> typed.requestFocus());
        return dialog.showAndWait();
    }
}
