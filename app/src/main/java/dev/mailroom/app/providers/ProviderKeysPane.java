package dev.mailroom.app.providers;

import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.common.Tables;
import dev.mailroom.model.providers.KeyPreset;
import dev.mailroom.model.providers.ProviderKey;
import dev.mailroom.model.sending.Connection;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Tenant › Connections › Provider keys: the scoped keys made at the client's providers for its own
 * application (provider, name, scopes, created, last rotated, state), with Create key…, Rotate and Revoke;
 * binds {@link ProviderKeysViewModel}.
 */
public final class ProviderKeysPane {
    private ProviderKeysPane() {}

    public static Node build(ProviderKeysViewModel vm, Supplier<Window> owner, Supplier<Instant> now) {
        Label about = new Label("Keys made at the provider with only the scopes the client's own application needs "
                + "(to send, to read stats). A key is shown once, when it is made; Mailroom keeps its scopes and "
                + "dates, never the key. Rotating makes a new key and revokes the old one after "
                + dev.mailroom.model.providers.ProviderKeyService.GRACE.toDays() + " days.");
        about.setWrapText(true);
        about.setMinHeight(Region.USE_PREF_SIZE); // the table gives way, never the help line
        about.getStyleClass().add("text-muted");

        TableView<ProviderKey> table = new TableView<>(vm.keys());
        table.setId("provider-keys");
        TableColumn<ProviderKey, ProviderKey> state = new TableColumn<>("State");
        state.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        state.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ProviderKey k, boolean empty) {
                super.updateItem(k, empty);
                if (empty || k == null) {
                    setGraphic(null);
                    return;
                }
                Chip chip = new Chip(
                        k.state().label(),
                        switch (k.state()) {
                            case ACTIVE -> Chip.Tone.SUCCESS;
                            case ROTATING -> Chip.Tone.WARNING;
                            case REVOKED -> Chip.Tone.NEUTRAL;
                        });
                k.graceEndsAt()
                        .filter(g -> k.state() == ProviderKey.State.ROTATING)
                        .ifPresent(g -> chip.setTooltip(new Tooltip("Revoked by Mailroom on " + Formats.exact(g))));
                setGraphic(chip);
            }
        });
        state.setPrefWidth(110);
        table.getColumns()
                .setAll(
                        Tables.text("Provider", k -> k.provider().label(), 120),
                        Tables.text("Name", ProviderKey::name, 160),
                        Tables.text("Scopes", k -> String.join(", ", k.scopes()), 200),
                        Tables.text("Connection", vm::connectionName, 140),
                        Tables.text("Created", k -> Formats.ago(k.createdAt(), now.get()), 90),
                        Tables.text(
                                "Last rotated",
                                k -> k.rotatedAt()
                                        .map(at -> Formats.ago(at, now.get()))
                                        .orElse("never"),
                                110), // "Last rotated" whole at 1280
                        state);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(Tables.emptyState(
                "No provider keys yet.",
                "Make a key with only the scopes the client's application needs, instead of sharing the "
                        + "connection's own key."));
        table.setPrefHeight(130);
        table.setMinHeight(72); // the header and a row; more rows scroll inside the table
        VBox.setVgrow(table, Priority.ALWAYS);
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, k) -> vm.selected().set(k));

        Button create = new Button("_Create key…", Icons.add());
        create.setId("provider-key-create");
        create.getStyleClass().add("accent");
        create.disableProperty().bind(vm.busy().or(Bindings.isEmpty(vm.connections())));
        create.setOnAction(e -> {
            if (showCreate(owner.get(), vm)) {
                showSecret(owner.get(), vm);
            }
        });
        Button rotate = new Button("R_otate");
        rotate.setId("provider-key-rotate");
        rotate.disableProperty()
                .bind(vm.busy()
                        .or(Bindings.createBooleanBinding(
                                () -> vm.selected().get() == null
                                        || vm.selected().get().state() != ProviderKey.State.ACTIVE,
                                vm.selected())));
        rotate.setOnAction(e -> {
            ProviderKey k = vm.selected().get();
            if (Dialogs.confirm(
                    owner.get(),
                    "Rotate “" + k.name() + "”?",
                    "A new key with the same scopes is made and shown once. The old key keeps working for "
                            + dev.mailroom.model.providers.ProviderKeyService.GRACE.toDays()
                            + " days so the application can switch, then Mailroom revokes it.",
                    "Rotate")) {
                vm.rotate(k, () -> showSecret(owner.get(), vm));
            }
        });
        Button revoke = new Button("_Revoke…");
        revoke.setId("provider-key-revoke");
        revoke.getStyleClass().add("danger");
        revoke.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> vm.selected().get() != null && vm.selected().get().state() == ProviderKey.State.ROTATING
                                ? "_Revoke old now…"
                                : "_Revoke…",
                        vm.selected()));
        revoke.disableProperty()
                .bind(vm.busy()
                        .or(Bindings.createBooleanBinding(
                                () -> vm.selected().get() == null
                                        || vm.selected().get().state() == ProviderKey.State.REVOKED,
                                vm.selected())));
        revoke.setOnAction(e -> {
            ProviderKey k = vm.selected().get();
            if (Dialogs.confirm(
                    owner.get(),
                    "Revoke “" + k.name() + "” at " + k.provider().label() + "?",
                    "The key (scopes: " + String.join(", ", k.scopes()) + ") stops working at once. An "
                            + "application still using it can no longer send.",
                    "Revoke")) {
                vm.revoke(k);
            }
        });
        Label status = new Label();
        status.setId("provider-keys-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.status());
        status.setMinHeight(Region.USE_PREF_SIZE);
        HBox actions = new HBox(8, create, rotate, revoke);
        actions.setMinHeight(Region.USE_PREF_SIZE);

        VBox box = new VBox(8, about, actions, table, status);
        box.setPadding(new Insets(8, 0, 0, 0));
        box.visibleProperty().bind(vm.mayManage());
        box.managedProperty().bind(vm.mayManage());
        return box;
    }

    /** The form; true when a key was made. It keeps what was typed when the provider refuses. */
    static boolean showCreate(Window owner, ProviderKeysViewModel vm) {
        Dialog<Boolean> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Create a provider key");
        dialog.setHeaderText(null);
        dialog.getDialogPane().setId("provider-key-dialog");

        ComboBox<Connection> connection = new ComboBox<>(vm.connections());
        connection.setId("provider-key-connection");
        connection.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Connection c) {
                return c == null ? "" : c.name() + " (" + c.kind().label() + ")";
            }

            @Override
            public Connection fromString(String s) {
                return null;
            }
        });
        TextField name = new TextField();
        name.setId("provider-key-name");
        name.setPromptText("Acme web shop");
        ComboBox<KeyPreset> preset = new ComboBox<>();
        preset.setId("provider-key-preset");
        Label scopes = new Label();
        scopes.getStyleClass().add("text-muted");
        scopes.setWrapText(true);
        TextField domain = new TextField();
        domain.setId("provider-key-domain");
        domain.setPromptText("tryacme.com");
        VBox domainField = Forms.field("Sending _domain", domain, new Label());
        Runnable kindChanged = () -> {
            Connection c = connection.getValue();
            KeyPreset was = preset.getValue();
            preset.getItems().setAll(c == null ? java.util.List.of() : ProviderKeysViewModel.presets(c.kind()));
            preset.setValue(
                    preset.getItems().contains(was)
                            ? was
                            : preset.getItems().stream().findFirst().orElse(null));
            domainField.setVisible(ProviderKeysViewModel.needsDomain(c));
            domainField.setManaged(domainField.isVisible());
        };
        Runnable scopesChanged = () -> scopes.setText(
                connection.getValue() == null || preset.getValue() == null
                        ? ""
                        : "Scopes: "
                                + String.join(
                                        ", ",
                                        preset.getValue()
                                                .scopes(connection.getValue().kind())));
        connection.valueProperty().addListener((o, was, now) -> {
            kindChanged.run();
            scopesChanged.run();
        });
        preset.valueProperty().addListener((o, was, now) -> scopesChanged.run());
        if (!vm.connections().isEmpty()) {
            connection.setValue(vm.connections().get(0));
        }
        kindChanged.run();
        scopesChanged.run();

        SimpleStringProperty problem = new SimpleStringProperty("");
        Forms.scrollingBody(
                dialog,
                new VBox(
                        10,
                        Forms.field("C_onnection", connection, new Label()),
                        Forms.field("_Name", name, new Label()),
                        Forms.field("_May do", new VBox(4, preset, scopes), new Label()),
                        domainField,
                        Forms.error("provider-key-error", problem)),
                460);
        ButtonType make = new ButtonType("Create key", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, make);
        Button makeButton = (Button) dialog.getDialogPane().lookupButton(make);
        makeButton.setId("provider-key-make");
        makeButton.disableProperty().bind(vm.busy());
        makeButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            problem.set("");
            vm.create(
                    connection.getValue(),
                    name.getText(),
                    preset.getValue(),
                    domain.getText(),
                    () -> {
                        dialog.setResult(true);
                        dialog.close();
                    },
                    problem::set);
        });
        dialog.setResultConverter(b -> false);
        dialog.setOnShown(e -> name.requestFocus());
        return dialog.showAndWait().orElse(false);
    }

    /** The secret, this once, with a copy button and a warning; forgotten when the dialog closes. */
    static void showSecret(Window owner, ProviderKeysViewModel vm) {
        ProviderKeysViewModel.Shown shown = vm.shown().get();
        if (shown == null) {
            return;
        }
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("The new key for “" + shown.key().name() + "”");
        dialog.setHeaderText(null);
        dialog.getDialogPane().setId("provider-key-secret-dialog");
        TextField secret = new TextField(shown.secret());
        secret.setId("provider-key-secret");
        secret.setEditable(false);
        secret.setPrefColumnCount(40);
        Button copy = new Button("_Copy", Icons.copy());
        copy.setId("provider-key-copy");
        copy.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(shown.secret());
            Clipboard.getSystemClipboard().setContent(c);
        });
        Label warning = new Label("Copy it now and give it to the client's application. This is the only time it "
                + "is shown: Mailroom does not keep it, and "
                + shown.key().provider().label().replace(" API", "")
                + " will not show it again. If it is lost, rotate the key.");
        warning.setGraphic(Icons.warning());
        warning.setWrapText(true);
        warning.setMaxWidth(520);
        Label scopes = new Label("Scopes: " + String.join(", ", shown.key().scopes()));
        scopes.getStyleClass().add("text-muted");
        HBox row = new HBox(8, secret, copy);
        HBox.setHgrow(secret, Priority.ALWAYS);
        dialog.getDialogPane().setContent(new VBox(12, warning, row, scopes));
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        dialog.setOnHidden(e -> vm.forgetSecret());
        dialog.showAndWait();
    }
}
