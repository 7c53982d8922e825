package dev.mailroom.app.domains;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.domains.SendingDomain;
import dev.mailroom.model.providers.ProviderDomainService;
import dev.mailroom.model.sending.Connection;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Domains › "Import from provider…": the domains of the client's MailerSend or SendGrid account that the
 * client does not have yet, each imported as a sending domain with the provider's records in its plan.
 */
final class ProviderImportDialog {
    private ProviderImportDialog() {}

    static void show(Window owner, ProviderDomainViewModel vm, TenantId tenant, Consumer<SendingDomain> imported) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Import from provider");
        dialog.setHeaderText("Domains in the client's provider account that are not its sending domains yet.");

        ComboBox<Connection> connection = new ComboBox<>(vm.connections());
        connection.setId("import-connection");
        connection.valueProperty().bindBidirectional(vm.connection());
        connection.setCellFactory(l -> new NamedCell());
        connection.setButtonCell(new NamedCell());
        Button list = new Button("_List domains");
        list.setId("import-list");
        list.disableProperty().bind(vm.busy());
        list.setOnAction(e -> vm.listImportable());

        ListView<ProviderDomainService.Row> rows = new ListView<>(vm.importable());
        rows.setId("import-rows");
        rows.setPrefHeight(220);
        rows.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(ProviderDomainService.Row r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Label name = new Label(r.domain().name());
                Label state = new Label(
                        r.elsewhere()
                                ? "another client's sending domain"
                                : r.domain().verified() ? "verified at the provider" : "not verified at the provider");
                state.getStyleClass().add("text-muted");
                Region gap = new Region();
                HBox.setHgrow(gap, javafx.scene.layout.Priority.ALWAYS);
                Button take = new Button("Import");
                take.setId("import-" + r.domain().id());
                take.setDisable(r.elsewhere() || vm.busy().get());
                take.setOnAction(e -> vm.importDomain(r, imported));
                HBox line = new HBox(10, name, state, gap, take);
                line.setAlignment(Pos.CENTER_LEFT);
                setText(null);
                setGraphic(line);
            }
        });
        rows.setPlaceholder(new Label("Press List domains to ask the provider."));

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        Label busy = new Label();
        busy.setGraphic(spinner);
        busy.textProperty().bind(vm.busyText());
        busy.visibleProperty().bind(vm.busy());
        Button stop = new Button("Stop");
        stop.setId("import-stop");
        stop.visibleProperty().bind(vm.busy());
        stop.setOnAction(e -> vm.cancel());
        Label status = new Label();
        status.setId("import-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.status());
        Label problem = new Label();
        problem.setId("import-problem");
        problem.setWrapText(true);
        problem.setStyle("-fx-text-fill: -color-danger-fg;");
        problem.textProperty().bind(vm.problem());

        HBox top = new HBox(10, new Label("Connection"), connection, list);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox progress = new HBox(10, busy, stop);
        progress.setAlignment(Pos.CENTER_LEFT);
        progress.visibleProperty().bind(vm.busy());
        progress.managedProperty().bind(vm.busy());
        problem.visibleProperty().bind(vm.problem().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        dialog.getDialogPane().setContent(new VBox(10, top, rows, progress, status, problem));
        dialog.getDialogPane().setPrefWidth(620);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        dialog.setOnHidden(e -> vm.cancel());
        vm.connection().addListener((o, was, now) -> {
            if (now != null && was == null) {
                vm.listImportable();
            }
        });
        vm.load(tenant, Optional.empty());
        dialog.showAndWait();
    }

    private static final class NamedCell extends ListCell<Connection> {
        @Override
        protected void updateItem(Connection c, boolean empty) {
            super.updateItem(c, empty);
            setText(empty || c == null ? "" : c.name() + " (" + c.kind().label() + ")");
        }
    }
}
