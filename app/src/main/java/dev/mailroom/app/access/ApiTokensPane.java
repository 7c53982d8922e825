package dev.mailroom.app.access;

import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.Tables;
import dev.mailroom.model.access.ApiToken;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.tenants.Tenant;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Settings → Access: the API tokens table with New token… and Revoke; binds {@link ApiTokensViewModel}. */
public final class ApiTokensPane {
    private ApiTokensPane() {}

    public static Node build(ApiTokensViewModel vm, java.util.function.Supplier<Window> owner) {
        Label about = new Label("An API token lets the command line run unattended as you (MAILROOM_TOKEN), "
                + "limited to the clients and the work you choose. It is shown once, when it is made; "
                + "Mailroom keeps only a hash of it.");
        about.setWrapText(true);
        about.getStyleClass().add("text-muted");

        TableView<ApiToken> table = new TableView<>(vm.tokens());
        table.setId("api-tokens");
        table.getColumns()
                .setAll(
                        Tables.text("Name", ApiToken::name, 120),
                        Tables.text("Token", t -> t.hint() + "…", 80),
                        Tables.text("User", ApiToken::userName, 100),
                        Tables.text("Clients", vm::clientsOf, 120),
                        Tables.text("May do", vm::mayDo, 120),
                        Tables.text(
                                "Expires", t -> t.expiresAt().map(Formats::day).orElse("never"), 90),
                        Tables.text(
                                "Last used",
                                t -> t.lastUsedAt()
                                        .map(at -> Formats.ago(at, vm.now()))
                                        .orElse("never"),
                                100), // "Last used" whole
                        Tables.text("State", vm::state, 70));
        table.setPlaceholder(Tables.emptyState(
                "No API tokens yet.", "Make one for a script or a scheduled job that runs the command line."));
        table.setPrefHeight(200);
        VBox.setVgrow(table, Priority.ALWAYS);

        Button create = new Button("_New token…");
        create.setId("api-token-new");
        create.setDisable(!vm.mayCreate());
        create.setOnAction(e -> {
            if (showCreate(owner.get(), vm)) {
                showSecret(owner.get(), vm);
            }
        });
        Button revoke = new Button("_Revoke");
        revoke.setId("api-token-revoke");
        revoke.getStyleClass().add("danger");
        revoke.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> {
                            ApiToken t = table.getSelectionModel().getSelectedItem();
                            return t == null || t.state(vm.now()) != ApiToken.State.ACTIVE;
                        },
                        table.getSelectionModel().selectedItemProperty()));
        revoke.setOnAction(e -> vm.revoke(table.getSelectionModel().getSelectedItem()));
        Label who =
                new Label(vm.mayCreate() ? "" : "Stop acting as someone to make a token: a token is always your own.");
        who.getStyleClass().add("text-muted");
        HBox actions = new HBox(8, create, revoke, who);

        VBox box = new VBox(10, about, actions, table, Forms.error("api-tokens-error", vm.listError()));
        box.setPadding(new Insets(16));
        vm.load();
        return box;
    }

    /** The form; true when a token was made. */
    static boolean showCreate(Window owner, ApiTokensViewModel vm) {
        Dialog<Boolean> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("New API token");
        dialog.setHeaderText(null);
        dialog.getDialogPane().setId("api-token-dialog");

        TextField name = new TextField();
        name.setId("api-token-name");
        name.setPromptText("Nightly report export");
        name.textProperty().bindBidirectional(vm.name());

        CheckBox all = new CheckBox("_All my clients, also those added later");
        all.setId("api-token-all-clients");
        all.selectedProperty().bindBidirectional(vm.allClients());
        FlowPane clients = new FlowPane(12, 6);
        for (Tenant t : vm.clients()) {
            CheckBox c = new CheckBox(t.name());
            c.setSelected(vm.chosenClients().contains(t.id()));
            c.selectedProperty().addListener((o, was, now) -> {
                if (now) {
                    vm.chosenClients().add(t.id());
                } else {
                    vm.chosenClients().remove(t.id());
                }
            });
            clients.getChildren().add(c);
        }
        clients.disableProperty().bind(vm.allClients());
        ScrollPane clientScroll = new ScrollPane(clients);
        clientScroll.setFitToWidth(true);
        clientScroll.setPrefViewportHeight(70);

        FlowPane roles = new FlowPane(12, 6);
        for (Role r : Role.values()) {
            CheckBox c = new CheckBox(r.label());
            c.setId("api-token-role-" + r.name().toLowerCase());
            c.setSelected(vm.chosenRoles().contains(r));
            c.selectedProperty().addListener((o, was, now) -> {
                if (now) {
                    vm.chosenRoles().add(r);
                } else {
                    vm.chosenRoles().remove(r);
                }
            });
            roles.getChildren().add(c);
        }
        Label rolesAbout = new Label("What the token may do, as the roles of PRODUCT's table. It never does more "
                + "than your own roles allow in each client.");
        rolesAbout.setWrapText(true);
        rolesAbout.getStyleClass().add("text-muted");

        ComboBox<ApiTokensViewModel.Expiry> expiry = new ComboBox<>();
        expiry.setId("api-token-expiry");
        expiry.getItems().setAll(ApiTokensViewModel.Expiry.values());
        expiry.valueProperty().bindBidirectional(vm.expiry());

        Forms.scrollingBody(
                dialog,
                new VBox(
                        10,
                        Forms.field(
                                "_Name",
                                name,
                                Forms.error("error-name", vm.errors().of("name"))),
                        Forms.field(
                                "_Clients",
                                new VBox(6, all, clientScroll),
                                Forms.error("error-clients", vm.errors().of("clients"))),
                        Forms.field(
                                "_May do",
                                new VBox(6, roles, rolesAbout),
                                Forms.error("error-permissions", vm.errors().of("permissions"))),
                        Forms.field(
                                "_Expires after",
                                expiry,
                                Forms.error("error-expires", vm.errors().of("expires"))),
                        Forms.error("form-error", vm.errors().general())),
                480);
        ButtonType make = new ButtonType("Make token", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, make);
        Button makeButton = (Button) dialog.getDialogPane().lookupButton(make);
        makeButton.setId("api-token-make");
        makeButton.disableProperty().bind(vm.busy());
        makeButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.create(() -> {
                dialog.setResult(true);
                dialog.close();
            });
        });
        dialog.setResultConverter(b -> false);
        dialog.setOnShown(e -> name.requestFocus());
        return dialog.showAndWait().orElse(false);
    }

    /** The secret, this once, with a copy button; forgotten when the dialog closes. */
    static void showSecret(Window owner, ApiTokensViewModel vm) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Your new API token");
        dialog.setHeaderText(null);
        dialog.getDialogPane().setId("api-token-secret-dialog");
        TextField secret = new TextField(vm.secret().get());
        secret.setId("api-token-secret");
        secret.setEditable(false);
        secret.setPrefColumnCount(48);
        Button copy = new Button("_Copy");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(vm.secret().get());
            Clipboard.getSystemClipboard().setContent(c);
        });
        Label note = new Label("Copy it now and keep it where your script reads it (MAILROOM_TOKEN). Mailroom "
                + "keeps only a hash and cannot show it again; if it is lost, revoke it and make a new one.");
        note.setWrapText(true);
        note.setMaxWidth(520);
        HBox row = new HBox(8, secret, copy);
        HBox.setHgrow(secret, Priority.ALWAYS);
        dialog.getDialogPane().setContent(new VBox(12, note, row));
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        dialog.setOnHidden(e -> vm.forgetSecret());
        dialog.showAndWait();
    }
}
