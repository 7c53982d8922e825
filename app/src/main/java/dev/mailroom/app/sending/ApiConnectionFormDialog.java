package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.Converters;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.session.Session;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.SendingEnvironment;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The view of {@link ApiConnectionFormViewModel}: kind, name, environment, key, subuser, limits. */
final class ApiConnectionFormDialog {
    private ApiConnectionFormDialog() {}

    static Optional<Connection> show(
            Window owner, Session session, BackgroundRunner runner, TenantId tenant, Optional<Connection> existing) {
        ApiConnectionFormViewModel vm = new ApiConnectionFormViewModel(
                session.services().connections(), session.actor(), runner, tenant, existing);
        Dialog<Connection> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(existing.isPresent() ? "Edit provider connection" : "Add a provider API connection");
        dialog.setHeaderText(
                existing.isPresent()
                        ? "Change " + existing.get().name() + ". Leave the key empty to keep it."
                        : "Send through a provider's API: MailerSend or SendGrid.");

        ComboBox<ConnectionKind> kind = new ComboBox<>();
        kind.setId("api-connection-kind");
        kind.getItems().setAll(ApiConnectionFormViewModel.KINDS);
        kind.setConverter(Converters.labelled(ConnectionKind::label));
        kind.valueProperty().bindBidirectional(vm.kind());
        kind.setDisable(existing.isPresent()); // a connection keeps its kind
        kind.setMaxWidth(Double.MAX_VALUE);
        TextField name = new TextField();
        name.setId("api-connection-name");
        name.textProperty().bindBidirectional(vm.name());
        ComboBox<SendingEnvironment> environment = new ComboBox<>();
        environment.setId("api-connection-environment");
        environment.getItems().setAll(SendingEnvironment.values());
        environment.setConverter(Converters.labelled(SendingEnvironment::label));
        environment.valueProperty().bindBidirectional(vm.environment());
        environment.setMaxWidth(Double.MAX_VALUE);
        PasswordField key = new PasswordField();
        key.setId("api-connection-key");
        key.textProperty().bindBidirectional(vm.key());
        key.setPromptText(vm.keyOptional() ? "Unchanged" : "");
        CheckBox subuser = new CheckBox("Subuser of the agency's parent account (on-behalf-of)");
        subuser.setId("api-connection-subuser");
        subuser.selectedProperty().bindBidirectional(vm.subuser());
        subuser.visibleProperty().bind(vm.subusersOffered());
        subuser.managedProperty().bind(vm.subusersOffered());
        TextField onBehalfOf = new TextField();
        onBehalfOf.setId("api-connection-subuser-name");
        onBehalfOf.setPromptText("subuser name");
        onBehalfOf.textProperty().bindBidirectional(vm.onBehalfOf());
        onBehalfOf.disableProperty().bind(vm.subuser().not());
        TextField requests = new TextField();
        requests.setId("api-connection-requests");
        requests.textProperty().bindBidirectional(vm.maxRequests());
        TextField rate = new TextField();
        rate.setId("api-connection-rate");
        rate.textProperty().bindBidirectional(vm.ratePerSecond());
        Label hint = new Label();
        hint.textProperty().bind(vm.hint());
        hint.setWrapText(true);
        hint.getStyleClass().add("text-muted");
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        var errors = vm.errors();
        VBox keyField = Forms.field("API _key", key, errors.labelFor("key"));
        ((Label) keyField.getChildren().get(0)).textProperty().bind(vm.keyLabel());
        VBox subuserField = Forms.field("Subuser", onBehalfOf, errors.labelFor("onBehalfOf"));
        subuserField.visibleProperty().bind(vm.subusersOffered());
        subuserField.managedProperty().bind(vm.subusersOffered());

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        grid.add(Forms.field("_Kind", kind, errors.labelFor("kind")), 0, 0);
        grid.add(Forms.field("En_vironment", environment, errors.labelFor("environment")), 1, 0);
        grid.add(Forms.field("_Name", name, errors.labelFor("name")), 0, 1, 2, 1);
        grid.add(keyField, 0, 2, 2, 1);
        grid.add(subuser, 0, 3, 2, 1);
        grid.add(subuserField, 0, 4, 2, 1);
        grid.add(Forms.field("Requests at _once", requests, errors.labelFor("maxRequests")), 0, 5);
        grid.add(Forms.field("Per second (0 = no _limit)", rate, errors.labelFor("ratePerSecond")), 1, 5);
        ColumnConstraints col = new ColumnConstraints();
        col.setHgrow(Priority.ALWAYS);
        col.setPercentWidth(50);
        grid.getColumnConstraints().setAll(col, col);
        dialog.getDialogPane().setContent(new VBox(10, hint, grid, errors.general()));
        dialog.getDialogPane().setPrefWidth(560);
        ButtonType save =
                new ButtonType(existing.isPresent() ? "Save" : "Add connection", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, save);
        Button saveButton = (Button) dialog.getDialogPane().lookupButton(save);
        saveButton.setId("api-connection-save");
        saveButton.disableProperty().bind(vm.busy());
        saveButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.save(saved -> {
                dialog.setResult(saved);
                dialog.close();
            });
        });
        dialog.setResultConverter(b -> null);
        dialog.setOnShown(e -> (existing.isPresent() ? name : kind).requestFocus());
        return dialog.showAndWait();
    }
}
