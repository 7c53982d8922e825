package dev.mailroom.app.access;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Converters;
import dev.mailroom.app.common.FormErrors;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.session.Session;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.access.UserAccount;
import dev.mailroom.model.access.UserDraft;
import dev.mailroom.model.tenants.Tenant;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Add a console user: who they are, whom they work for, and a first password they must change. */
final class UserFormDialog {
    private UserFormDialog() {}

    static Optional<UserAccount> show(Window owner, Session session, BackgroundRunner runner) {
        Dialog<UserAccount> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Add user");
        dialog.setHeaderText(
                "They sign in with their email and the first password you give them, then choose their own.");
        FormErrors errors = new FormErrors();

        TextField name = new TextField();
        name.setId("user-name");
        TextField email = new TextField();
        email.setId("user-email");
        ComboBox<StaffKind> kind = new ComboBox<>();
        kind.setId("user-kind");
        if (session.isAgencyOwner()) {
            kind.getItems().add(StaffKind.AGENCY);
        }
        kind.getItems().add(StaffKind.CLIENT);
        kind.setValue(kind.getItems().get(0));
        kind.setConverter(Converters.labelled(StaffKind::label));
        ComboBox<Tenant> home = new ComboBox<>();
        home.setId("user-home-tenant");
        home.getItems()
                .setAll(session.tenants()
                        .filtered(t -> !t.isArchived() && session.access().may(t.id(), Permission.USERS_MANAGE)));
        session.currentTenant().filter(home.getItems()::contains).ifPresent(home::setValue);
        home.setConverter(Converters.labelled(Tenant::name));
        home.disableProperty().bind(kind.valueProperty().isEqualTo(StaffKind.AGENCY));
        home.setMaxWidth(Double.MAX_VALUE);
        kind.setMaxWidth(Double.MAX_VALUE);
        PasswordField password = new PasswordField();
        password.setId("user-first-password");
        password.setPromptText("At least 8 characters");

        Label general = errors.general();
        dialog.getDialogPane()
                .setContent(new VBox(
                        10,
                        Forms.field("_Name", name, errors.labelFor("name")),
                        Forms.field("_Email", email, errors.labelFor("email")),
                        Forms.field("_Works for", kind, errors.labelFor("staffKind")),
                        Forms.field("_Client (for client staff)", home, errors.labelFor("homeTenant")),
                        Forms.field("_First password", password, errors.labelFor("firstPassword")),
                        general));
        dialog.getDialogPane().setPrefWidth(460);
        ButtonType add = new ButtonType("Add user", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, add);
        Button addButton = (Button) dialog.getDialogPane().lookupButton(add);
        addButton.setId("user-save");
        addButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            errors.clear();
            addButton.setDisable(true);
            UserDraft draft = new UserDraft(
                    name.getText(),
                    email.getText(),
                    kind.getValue(),
                    Optional.ofNullable(home.getValue()).map(Tenant::id),
                    password.getText().toCharArray());
            runner.run(Task.of(
                    "Adding the user",
                    p -> session.services().users().create(session.actor(), draft),
                    created -> {
                        dialog.setResult(created);
                        dialog.close();
                    },
                    error -> {
                        addButton.setDisable(false);
                        errors.show(error);
                    }));
        });
        dialog.setResultConverter(b -> null);
        dialog.setOnShown(e -> name.requestFocus());
        return dialog.showAndWait();
    }
}
