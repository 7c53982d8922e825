package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.Converters;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.IntField;
import dev.mailroom.app.session.Session;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpSecurity;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Add or change an SMTP relay connection: the view of {@link ConnectionFormViewModel}. The password
 * is never shown here; empty keeps the stored one. The button bar stays put; the body scrolls if the
 * problems shown make it taller than the screen.
 */
final class ConnectionFormDialog {
    private ConnectionFormDialog() {}

    static Optional<Connection> show(
            Window owner, Session session, BackgroundRunner runner, TenantId tenant, Optional<Connection> existing) {
        return show(
                owner,
                new ConnectionFormViewModel(
                        session.services().connections(), session.actor(), tenant, runner, existing));
    }

    static Optional<Connection> show(Window owner, ConnectionFormViewModel vm) {
        Dialog<Connection> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(vm.isNew() ? "Add connection" : "Edit connection");
        dialog.setHeaderText(vm.existing()
                .map(c -> "Change " + c.name() + ". Leave the password empty to keep it.")
                .orElse("Your relay provider's settings page lists the host, port and sign-in."));
        var errors = vm.errors();

        TextField name = field("connection-name", vm.name());
        ComboBox<SendingEnvironment> environment = new ComboBox<>();
        environment.setId("connection-environment");
        environment.getItems().setAll(SendingEnvironment.values());
        environment.setConverter(Converters.labelled(SendingEnvironment::label));
        environment.valueProperty().bindBidirectional(vm.environment());
        TextField host = field("connection-host", vm.host());
        host.setPromptText("smtp.example.com");
        TextField port = number("connection-port", vm.port());
        ComboBox<SmtpSecurity> security = new ComboBox<>();
        security.setId("connection-security");
        security.getItems().setAll(SmtpSecurity.values());
        security.setConverter(Converters.labelled(SmtpSecurity::label));
        security.valueProperty().bindBidirectional(vm.security());
        TextField user = field("connection-user", vm.username());
        PasswordField password = new PasswordField();
        password.setId("connection-password-field");
        password.textProperty().bindBidirectional(vm.password());
        password.setPromptText(vm.existing().filter(Connection::hasPassword).isPresent() ? "Unchanged" : "");
        TextField helo = field("connection-helo", vm.helo());
        helo.setPromptText("mail.youragency.com");
        TextField sessions = number("connection-sessions", vm.sessions());
        TextField rate = number("connection-rate", vm.rate());
        for (var c : new javafx.scene.control.Control[] {environment, security}) {
            c.setMaxWidth(Double.MAX_VALUE);
        }

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        grid.add(Forms.field("_Name", name, error(errors, "name")), 0, 0);
        grid.add(Forms.field("En_vironment", environment, error(errors, "environment")), 1, 0);
        grid.add(Forms.field("_Host", host, error(errors, "host")), 0, 1);
        grid.add(Forms.field("_Port", port, error(errors, "port")), 1, 1);
        grid.add(Forms.field("_Security", security, error(errors, "security")), 0, 2, 2, 1);
        grid.add(Forms.field("_User name", user, error(errors, "username")), 0, 3);
        grid.add(Forms.field("Pass_word", password, error(errors, "password")), 1, 3);
        grid.add(Forms.field("HE_LO name", helo, error(errors, "heloName")), 0, 4, 2, 1);
        grid.add(Forms.field("Sessions at _once", sessions, error(errors, "maxSessions")), 0, 5);
        grid.add(Forms.field("Messages per second (0 = no _limit)", rate, error(errors, "ratePerSecond")), 1, 5);
        javafx.scene.layout.ColumnConstraints col = new javafx.scene.layout.ColumnConstraints();
        col.setHgrow(Priority.ALWAYS);
        col.setPercentWidth(50);
        grid.getColumnConstraints().setAll(col, col);
        Forms.scrollingBody(dialog, new VBox(10, grid, Forms.error("form-error", errors.general())), 560);
        ButtonType save = new ButtonType(vm.isNew() ? "Add connection" : "Save", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, save);
        Button saveButton = (Button) dialog.getDialogPane().lookupButton(save);
        saveButton.setId("connection-save");
        saveButton.disableProperty().bind(vm.busy());
        saveButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.save(saved -> {
                dialog.setResult(saved);
                dialog.close();
            });
        });
        dialog.setResultConverter(b -> null);
        dialog.setOnShown(e -> name.requestFocus());
        return dialog.showAndWait();
    }

    private static javafx.scene.control.Label error(dev.mailroom.app.common.FieldErrors errors, String field) {
        return Forms.error("error-" + field, errors.of(field));
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private static TextField number(String id, IntField value) {
        TextField f = field(id, value.text());
        f.setTooltip(new javafx.scene.control.Tooltip("A whole number " + value.range()));
        return f;
    }
}
