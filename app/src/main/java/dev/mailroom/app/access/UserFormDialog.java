package dev.mailroom.app.access;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.Converters;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.session.Session;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.access.UserAccount;
import dev.mailroom.model.tenants.Tenant;
import java.util.ArrayList;
import java.util.List;
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

/**
 * Add a console user: who they are, whom they work for, and a first password they must change. The
 * view of {@link UserFormViewModel}; the button bar stays put and the body scrolls when it must.
 */
final class UserFormDialog {
    private UserFormDialog() {}

    static Optional<UserAccount> show(Window owner, Session session, BackgroundRunner runner) {
        List<StaffKind> kinds = new ArrayList<>();
        if (session.isAgencyOwner()) {
            kinds.add(StaffKind.AGENCY);
        }
        kinds.add(StaffKind.CLIENT);
        List<Tenant> homes = List.copyOf(session.tenants()
                .filtered(t -> !t.isArchived() && session.access().may(t.id(), Permission.USERS_MANAGE)));
        return show(
                owner,
                new UserFormViewModel(
                        session.services().users(), session.actor(), runner, kinds, homes, session.currentTenant()));
    }

    static Optional<UserAccount> show(Window owner, UserFormViewModel vm) {
        Dialog<UserAccount> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Add user");
        dialog.setHeaderText(
                "They sign in with their email and the first password you give them, then choose their own.");
        var errors = vm.errors();

        TextField name = new TextField();
        name.setId("user-name");
        name.textProperty().bindBidirectional(vm.name());
        TextField email = new TextField();
        email.setId("user-email");
        email.setPromptText("bea@client.com");
        email.textProperty().bindBidirectional(vm.email());
        ComboBox<StaffKind> kind = new ComboBox<>();
        kind.setId("user-kind");
        kind.getItems().setAll(vm.kinds());
        kind.setConverter(Converters.labelled(StaffKind::label));
        kind.valueProperty().bindBidirectional(vm.staffKind());
        ComboBox<Tenant> home = new ComboBox<>();
        home.setId("user-home-tenant");
        home.getItems().setAll(vm.homes());
        home.setConverter(Converters.labelled(Tenant::name));
        home.valueProperty().bindBidirectional(vm.homeTenant());
        home.disableProperty().bind(vm.staffKind().isEqualTo(StaffKind.AGENCY));
        home.setMaxWidth(Double.MAX_VALUE);
        kind.setMaxWidth(Double.MAX_VALUE);
        PasswordField password = new PasswordField();
        password.setId("user-first-password");
        password.setPromptText("At least 8 characters");
        password.textProperty().bindBidirectional(vm.firstPassword());

        Forms.scrollingBody(
                dialog,
                new VBox(
                        10,
                        Forms.field("_Name", name, error(vm, "name")),
                        Forms.field("_Email", email, error(vm, "email")),
                        Forms.field("_Works for", kind, error(vm, "staffKind")),
                        Forms.field("_Client (for client staff)", home, error(vm, "homeTenant")),
                        Forms.field("_First password", password, error(vm, "firstPassword")),
                        Forms.error("form-error", errors.general())),
                420);
        ButtonType add = new ButtonType("Add user", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, add);
        Button addButton = (Button) dialog.getDialogPane().lookupButton(add);
        addButton.setId("user-save");
        addButton.disableProperty().bind(vm.busy());
        addButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.save(created -> {
                dialog.setResult(created);
                dialog.close();
            });
        });
        dialog.setResultConverter(b -> null);
        dialog.setOnShown(e -> name.requestFocus());
        return dialog.showAndWait();
    }

    private static Label error(UserFormViewModel vm, String field) {
        return Forms.error("error-" + field, vm.errors().of(field));
    }
}
