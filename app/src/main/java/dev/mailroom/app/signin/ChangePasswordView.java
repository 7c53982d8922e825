package dev.mailroom.app.signin;

import dev.mailroom.app.common.Forms;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The change-password form, as a full screen (forced at first sign-in) or as a dialog (user menu). */
public final class ChangePasswordView {
    private ChangePasswordView() {}

    private static VBox fields(ChangePasswordViewModel vm) {
        PasswordField current = new PasswordField();
        current.setId("current-password");
        current.textProperty().bindBidirectional(vm.current());
        PasswordField next = new PasswordField();
        next.setId("new-password");
        next.setPromptText("At least 8 characters");
        next.textProperty().bindBidirectional(vm.next());
        PasswordField again = new PasswordField();
        again.setId("new-password-again");
        again.textProperty().bindBidirectional(vm.again());
        var e = vm.errors();
        return new VBox(
                10,
                Forms.field("_Current password", current, e.labelFor("currentPassword")),
                Forms.field("_New password", next, e.labelFor("newPassword")),
                Forms.field("New password a_gain", again, e.labelFor("newPasswordAgain")),
                e.general());
    }

    /** Full screen: the person must choose their own password before going on. */
    public static javafx.scene.Parent forced(ChangePasswordViewModel vm, Runnable onChanged) {
        Label title = new Label("Choose your own password");
        title.getStyleClass().add("title-2");
        Label intro = new Label("You signed in with a password someone else set. Choose one only you know.");
        intro.setWrapText(true);
        intro.getStyleClass().add("text-muted");
        Button save = new Button("_Save and continue");
        save.setId("change-password-save");
        save.setDefaultButton(true);
        save.getStyleClass().add("accent");
        save.disableProperty().bind(vm.busy());
        save.setOnAction(ev -> vm.submit(onChanged));
        return Forms.centredCard(title, intro, fields(vm), save);
    }

    public static void dialog(Window owner, ChangePasswordViewModel vm) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Change password");
        dialog.setHeaderText("Change your password");
        dialog.getDialogPane().setContent(fields(vm));
        ButtonType save = new ButtonType("Change password", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, save);
        Button saveButton = (Button) dialog.getDialogPane().lookupButton(save);
        saveButton.disableProperty().bind(vm.busy());
        saveButton.addEventFilter(javafx.event.ActionEvent.ACTION, ev -> {
            ev.consume();
            vm.submit(dialog::close);
        });
        dialog.showAndWait();
    }
}
