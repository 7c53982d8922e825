package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Converters;
import dev.mailroom.app.common.FormErrors;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.session.Session;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.Secret;
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

/** Add or change an SMTP relay connection. The password is never shown here; empty keeps the stored one. */
final class ConnectionFormDialog {
    private ConnectionFormDialog() {}

    static Optional<Connection> show(
            Window owner, Session session, BackgroundRunner runner, TenantId tenant, Optional<Connection> existing) {
        Dialog<Connection> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(existing.isPresent() ? "Edit connection" : "Add connection");
        dialog.setHeaderText(
                existing.isPresent()
                        ? "Change " + existing.get().name() + ". Leave the password empty to keep it."
                        : "Your relay provider's settings page lists the host, port and sign-in.");
        FormErrors errors = new FormErrors();

        TextField name = field("connection-name", existing.map(Connection::name).orElse(""));
        ComboBox<SendingEnvironment> environment = new ComboBox<>();
        environment.setId("connection-environment");
        environment.getItems().setAll(SendingEnvironment.values());
        environment.setConverter(Converters.labelled(SendingEnvironment::label));
        environment.setValue(existing.map(Connection::environment).orElse(SendingEnvironment.PRODUCTION));
        TextField host = field("connection-host", existing.map(Connection::host).orElse(""));
        host.setPromptText("smtp.example.com");
        TextField port = field(
                "connection-port", existing.map(c -> Integer.toString(c.port())).orElse("587"));
        ComboBox<SmtpSecurity> security = new ComboBox<>();
        security.setId("connection-security");
        security.getItems().setAll(SmtpSecurity.values());
        security.setConverter(Converters.labelled(SmtpSecurity::label));
        security.setValue(existing.map(Connection::security).orElse(SmtpSecurity.STARTTLS_REQUIRED));
        // The usual port follows the security choice unless the person typed another.
        security.valueProperty().addListener((o, was, now) -> {
            if (was != null && now != null && port.getText().strip().equals(usualPort(was))) {
                port.setText(usualPort(now));
            }
        });
        TextField user =
                field("connection-user", existing.map(Connection::username).orElse(""));
        PasswordField password = new PasswordField();
        password.setId("connection-password-field");
        password.setPromptText(existing.filter(Connection::hasPassword).isPresent() ? "Unchanged" : "");
        TextField helo =
                field("connection-helo", existing.map(Connection::heloName).orElse(""));
        helo.setPromptText("mail.youragency.com");
        TextField sessions = field(
                "connection-sessions",
                existing.map(c -> Integer.toString(c.maxSessions())).orElse("4"));
        TextField rate = field(
                "connection-rate",
                existing.map(c -> Integer.toString(c.ratePerSecond())).orElse("0"));
        for (var c : new javafx.scene.control.Control[] {environment, security}) {
            c.setMaxWidth(Double.MAX_VALUE);
        }

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        grid.add(Forms.field("_Name", name, errors.labelFor("name")), 0, 0);
        grid.add(Forms.field("En_vironment", environment, errors.labelFor("environment")), 1, 0);
        grid.add(Forms.field("_Host", host, errors.labelFor("host")), 0, 1);
        grid.add(Forms.field("_Port", port, errors.labelFor("port")), 1, 1);
        grid.add(Forms.field("_Security", security, errors.labelFor("security")), 0, 2, 2, 1);
        grid.add(Forms.field("_User name", user, errors.labelFor("username")), 0, 3);
        grid.add(Forms.field("Pass_word", password, errors.labelFor("password")), 1, 3);
        grid.add(Forms.field("HE_LO name", helo, errors.labelFor("heloName")), 0, 4, 2, 1);
        grid.add(Forms.field("Sessions at _once", sessions, errors.labelFor("maxSessions")), 0, 5);
        grid.add(Forms.field("Messages per second (0 = no _limit)", rate, errors.labelFor("ratePerSecond")), 1, 5);
        javafx.scene.layout.ColumnConstraints col = new javafx.scene.layout.ColumnConstraints();
        col.setHgrow(Priority.ALWAYS);
        col.setPercentWidth(50);
        grid.getColumnConstraints().setAll(col, col);
        dialog.getDialogPane().setContent(new VBox(10, grid, errors.general()));
        dialog.getDialogPane().setPrefWidth(560);
        ButtonType save =
                new ButtonType(existing.isPresent() ? "Save" : "Add connection", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, save);
        Button saveButton = (Button) dialog.getDialogPane().lookupButton(save);
        saveButton.setId("connection-save");
        saveButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            errors.clear();
            ConnectionDraft draft;
            try {
                draft = new ConnectionDraft(
                        name.getText(),
                        environment.getValue(),
                        host.getText(),
                        number(port, "port", "The port is a number from 1 to 65535 (usually 587, or 465 for TLS)."),
                        security.getValue(),
                        user.getText(),
                        password.getText().isEmpty() ? Optional.empty() : Optional.of(Secret.of(password.getText())),
                        helo.getText(),
                        number(sessions, "maxSessions", "Enter how many sessions may be open at once."),
                        number(rate, "ratePerSecond", "Enter a number of messages per second, or 0 for no limit."));
            } catch (InvalidInput bad) {
                errors.show(bad);
                return;
            }
            saveButton.setDisable(true);
            ConnectionDraft d = draft;
            runner.run(Task.of(
                    existing.isPresent() ? "Saving the connection" : "Adding the connection",
                    p -> existing.isPresent()
                            ? session.services()
                                    .connections()
                                    .update(
                                            session.actor(),
                                            tenant,
                                            existing.get().id(),
                                            d)
                            : session.services().connections().create(session.actor(), tenant, d),
                    saved -> {
                        dialog.setResult(saved);
                        dialog.close();
                    },
                    error -> {
                        saveButton.setDisable(false);
                        errors.show(error);
                    }));
        });
        dialog.setResultConverter(b -> null);
        dialog.setOnShown(e -> name.requestFocus());
        return dialog.showAndWait();
    }

    private static TextField field(String id, String value) {
        TextField f = new TextField(value);
        f.setId(id);
        return f;
    }

    private static String usualPort(SmtpSecurity s) {
        return switch (s) {
            case STARTTLS_REQUIRED -> "587";
            case IMPLICIT_TLS -> "465";
            case PLAIN_LOCALHOST_ONLY -> "25";
        };
    }

    private static int number(TextField f, String field, String problem) {
        try {
            return Integer.parseInt(f.getText().strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, problem);
        }
    }
}
