package dev.mailroom.app.domains;

import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Icons;
import dev.mailroom.model.providers.ProviderDomainLink;
import dev.mailroom.model.sending.Connection;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The provider section of a sending domain (wizard's Records step, the domain's detail): "Create at
 * MailerSend" while the domain is not at the provider, then "Pull records", "Ask MailerSend to verify" and
 * "Unlink…",
 * the provider's status in words beside Mailroom's own DNS check, a refusal in words, progress and Stop.
 */
final class ProviderDomainPane {
    private ProviderDomainPane() {}

    /** @param ourCheck Mailroom's own DNS check in words ("4 of 6 records found"), read when drawn */
    static Node of(ProviderDomainViewModel vm, String domain, Supplier<String> ourCheck) {
        VBox box = new VBox(8);
        box.setId("provider-domain");
        box.getStyleClass().add("provider-domain");
        box.setStyle("-fx-border-color: -color-border-default; -fx-border-radius: 6; -fx-padding: 10;");
        Label title = new Label();
        title.getStyleClass().add("section-title");
        title.setStyle("-fx-font-weight: bold;");

        ComboBox<Connection> connection = new ComboBox<>(vm.connections());
        connection.setId("provider-connection");
        connection.valueProperty().bindBidirectional(vm.connection());
        connection.setCellFactory(l -> new ConnectionCell());
        connection.setButtonCell(new ConnectionCell());
        Button create = new Button();
        create.setId("provider-create");
        create.getStyleClass().add("accent");
        create.setOnAction(e -> vm.create());
        Button pull = new Button("_Pull records", Icons.refresh());
        pull.setId("provider-pull");
        pull.setOnAction(e -> vm.pullRecords());
        Button verify = new Button("", Icons.verify());
        verify.setId("provider-verify");
        verify.setOnAction(e -> vm.verify());
        Button unlink = new Button("_Unlink…");
        unlink.setId("provider-unlink");
        unlink.setOnAction(e -> {
            ProviderDomainLink l = vm.link().get();
            if (l != null
                    && dev.mailroom.app.common.Dialogs.confirm(
                            unlink.getScene().getWindow(),
                            "Unlink " + domain + " from " + l.providerName() + "?",
                            l.providerName() + "'s records leave the plan and Mailroom's own DKIM and return path "
                                    + "come back, to publish in their place. " + l.providerDomainName()
                                    + " stays at " + l.providerName() + " as it is; remove it there if it should go.",
                            "Unlink")) {
                vm.unlink();
            }
        });
        Button stop = new Button("Stop");
        stop.setId("provider-stop");
        stop.setOnAction(e -> vm.cancel());
        for (Button b : new Button[] {create, pull, verify, unlink}) {
            b.disableProperty().bind(vm.busy());
        }
        stop.visibleProperty().bind(vm.busy());
        stop.managedProperty().bind(stop.visibleProperty());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        Label busy = new Label();
        busy.setGraphic(spinner);
        busy.textProperty().bind(vm.busyText());
        busy.visibleProperty().bind(vm.busy());
        busy.managedProperty().bind(busy.visibleProperty());
        busy.getStyleClass().add("text-muted");

        Label intro = new Label();
        intro.setWrapText(true);
        Chip providerStatus = new Chip("", Chip.Tone.NEUTRAL);
        providerStatus.setId("provider-status");
        Label ours = new Label();
        ours.setId("provider-our-check");
        ours.getStyleClass().add("text-muted");
        Label problem = new Label();
        problem.setId("provider-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add("danger-note");
        problem.setStyle("-fx-text-fill: -color-danger-fg;");
        problem.textProperty().bind(vm.problem());
        problem.visibleProperty().bind(vm.problem().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        HBox actions = new HBox(8);
        actions.setAlignment(Pos.CENTER_LEFT);
        HBox state = new HBox(10, providerStatus, ours);
        state.setAlignment(Pos.CENTER_LEFT);

        Runnable draw = () -> {
            ProviderDomainLink l = vm.link().get();
            title.setText("At " + vm.providerName());
            create.setText(vm.createLabel());
            verify.setText(vm.verifyLabel());
            if (l == null) {
                intro.setText("This client sends through " + vm.providerName() + ". Create " + domain + " there: "
                        + vm.providerName() + "'s DKIM, return-path and tracking records then replace Mailroom's in "
                        + "the records below, next to the SPF and DMARC records.");
                actions.getChildren()
                        .setAll(vm.connections().size() > 1 ? connection : new Label(), create, busy, stop);
                state.setVisible(false);
            } else {
                intro.setText("Linked to " + l.providerDomainName() + " at " + l.providerName() + ". Its records are "
                        + "in the plan below, marked “From " + l.providerName() + "”.");
                // a person who may not manage domains (no connections listed) sees the status only
                if (vm.connections().isEmpty()) {
                    actions.getChildren().setAll(busy, stop);
                } else {
                    actions.getChildren().setAll(pull, verify, unlink, busy, stop);
                }
                state.setVisible(true);
                providerStatus.setText(l.statusWords());
                providerStatus.setTone(
                        l.verified().isEmpty()
                                ? Chip.Tone.NEUTRAL
                                : l.verified().get() ? Chip.Tone.SUCCESS : Chip.Tone.WARNING);
                ours.setText("Mailroom's DNS check: " + ourCheck.get());
            }
            state.setManaged(state.isVisible());
            actions.getChildren()
                    .removeIf(n -> n instanceof Label
                            && !(n == busy)
                            && ((Label) n).getText().isEmpty());
        };
        vm.link().addListener((o, was, now) -> draw.run());
        vm.connection().addListener((o, was, now) -> draw.run());
        vm.connections().addListener((javafx.collections.ListChangeListener<Connection>) c -> draw.run());
        draw.run();
        box.getChildren().setAll(title, intro, actions, state, problem);
        box.visibleProperty().bind(Bindings.createBooleanBinding(vm::offered, vm.connections(), vm.link()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static final class ConnectionCell extends ListCell<Connection> {
        @Override
        protected void updateItem(Connection c, boolean empty) {
            super.updateItem(c, empty);
            setText(empty || c == null ? "" : c.name() + " (" + c.kind().label() + ")");
        }
    }
}
