package dev.mailroom.app.suppressions;

import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.common.Tables;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.providers.SuppressionPushService.Change;
import dev.mailroom.model.suppressions.Suppression;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Tenant › Suppressions: who is not sent to from each sending domain, and why. Binds a {@link SuppressionsViewModel}. */
public final class SuppressionsPage implements Page {
    private final SuppressionsViewModel vm;
    private final ProviderPushViewModel pushes;
    private final Shell shell;
    private final VBox root = new VBox(12);
    private final TableView<Suppression> table;
    private final TextField search = new TextField();

    public SuppressionsPage(SuppressionsViewModel vm, ProviderPushViewModel pushes, Shell shell) {
        this.vm = vm;
        this.pushes = pushes;
        this.shell = shell;
        ComboBox<String> domain = new ComboBox<>(vm.domains());
        domain.setId("suppression-domain");
        domain.setPromptText("Sending domain");
        domain.valueProperty().bindBidirectional(vm.domain());
        search.setId("suppression-search");
        search.setPromptText("Search addresses (Ctrl+F)");
        search.setPrefWidth(280);
        search.textProperty().bindBidirectional(vm.search());
        table = new TableView<>(vm.shown());
        Button add = new Button("_Add…", Icons.add());
        add.setId("suppression-add");
        add.setOnAction(e -> newItem());
        Button remove = new Button("_Remove…", Icons.purge());
        remove.setId("suppression-remove");
        remove.disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> remove(table.getSelectionModel().getSelectedItem()));
        Button importCsv = new Button("_Import CSV…");
        importCsv.disableProperty().bind(vm.importing());
        importCsv.setOnAction(e -> importCsv());
        HBox actions = new HBox(8, add, remove, importCsv);
        actions.visibleProperty().bind(vm.mayManage());
        actions.managedProperty().bind(vm.mayManage());
        Button export = new Button("_Export CSV…", Icons.export());
        export.setOnAction(e -> exportCsv());

        table.setId("suppressions-table");
        table.getColumns().add(Tables.text("Address", Suppression::address, 260));
        table.getColumns().add(Tables.text("Reason", SuppressionsViewModel::reasonLabel, 130));
        table.getColumns().add(Tables.text("Since", s -> s.since().toString().substring(0, 10), 110));
        table.getColumns()
                .add(Tables.text(
                        "Until",
                        s -> s.until().map(u -> u.toString().substring(0, 16)).orElse("permanent"),
                        140));
        table.getColumns().add(Tables.text("Note", Suppression::note, 300));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label("No one is suppressed for this domain. Hard bounces, complaints and unsubscribes "
                + "land here on their own; add an address by hand to stop mail to it.");
        empty.setWrapText(true);
        empty.setMaxWidth(520);
        table.setPlaceholder(empty);
        VBox.setVgrow(table, Priority.ALWAYS);
        Label readOnly =
                new Label("You can see the suppression lists; changing them needs the Suppressions permission.");
        readOnly.getStyleClass().add("text-muted");
        readOnly.visibleProperty().bind(vm.mayManage().not());
        readOnly.managedProperty().bind(readOnly.visibleProperty());
        HBox bar = new HBox(8, domain, search, actions, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        root.getChildren()
                .setAll(
                        PageHeader.of(
                                "Suppressions", "Recipients this client's mail is not sent to, per sending domain."),
                        bar,
                        readOnly,
                        table);
        root.getStyleClass().add("page");
        vm.onImportFinished(summary -> Dialogs.confirm(shell.window(), "Import finished", summary, "OK"));
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void focusFilter() {
        search.requestFocus();
    }

    @Override
    public void refresh() {
        vm.refresh();
    }

    @Override
    public void newItem() {
        if (!vm.mayManage().get() || vm.domain().get() == null) {
            return;
        }
        vm.newAddForm();
        Dialog<Void> ask = new Dialog<>();
        ask.initOwner(shell.window());
        ask.setTitle("Add to the suppression list");
        ask.setHeaderText("No mail from " + vm.domain().get() + " goes to this address until it is removed.");
        TextField address = new TextField();
        address.setId("suppression-address");
        address.setPromptText("name@example.com");
        address.textProperty().addListener((o, was, now) -> vm.addressTyped(now));
        Forms.scrollingBody(
                ask,
                new VBox(
                        10,
                        Forms.field(
                                "_Address",
                                address,
                                Forms.error("error-address", vm.addErrors().of("address"))),
                        Forms.error("form-error", vm.addErrors().general())),
                420);
        ButtonType addType = new ButtonType("Add", ButtonBar.ButtonData.OK_DONE);
        ask.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, addType);
        Button addButton = (Button) ask.getDialogPane().lookupButton(addType);
        addButton.setId("suppression-add-save");
        addButton.disableProperty().bind(vm.adding());
        // The form stays open until the address is on the list; a bad one is shown under the field.
        addButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            String typed = address.getText().strip();
            vm.add(typed, () -> {
                ask.close();
                offerPush(Change.ADD, typed);
            });
        });
        ask.setResultConverter(b -> null);
        ask.setOnShown(e -> address.requestFocus());
        ask.showAndWait();
    }

    private void remove(Suppression s) {
        TextInputDialog ask = new TextInputDialog();
        ask.initOwner(shell.window());
        ask.setTitle("Remove from the suppression list");
        ask.setHeaderText("Mail to " + s.address() + " will be sent again. It was suppressed for: "
                + SuppressionsViewModel.reasonLabel(s) + ". Why remove it?");
        ask.setContentText("Reason:");
        ask.getEditor().setId("suppression-remove-reason");
        // The reason is kept with the removed entry and in the audit log: no empty answer.
        ask.getDialogPane()
                .lookupButton(ButtonType.OK)
                .disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> ask.getEditor().getText().strip().length() < 3,
                        ask.getEditor().textProperty()));
        ask.showAndWait()
                .filter(r -> !r.isBlank())
                .ifPresent(reason -> vm.remove(s, reason, () -> offerPush(Change.REMOVE, s.address())));
    }

    /** The client sends through a provider: ask whether the provider's lists should change too (never silently). */
    private void offerPush(Change change, String address) {
        if (vm.tenant().get() == null || vm.domain().get() == null) {
            return;
        }
        pushes.offer(
                vm.tenant().get(),
                change,
                vm.domain().get(),
                address,
                (targets, question) -> Dialogs.confirm(
                        shell.window(),
                        question,
                        change == Change.ADD
                                ? "The provider will then refuse to send to this address too, whichever application"
                                        + " sends through it. Mailroom's own list is already changed."
                                : "The provider will send to this address again. Mailroom's own list is already "
                                        + "changed.",
                        change == Change.ADD ? "Suppress there too" : "Remove there too"),
                words -> Dialogs.confirm(shell.window(), "At the provider", words, "OK"));
    }

    private void importCsv() {
        if (vm.domain().get() == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import suppressions");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV or text", "*.csv", "*.txt"));
        File file = chooser.showOpenDialog(shell.window());
        if (file != null) {
            vm.importFile(file.toPath());
        }
    }

    private void exportCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export suppressions");
        chooser.setInitialFileName("suppressions-" + vm.domain().get() + ".csv");
        File file = chooser.showSaveDialog(shell.window());
        if (file != null) {
            vm.exportTo(file.toPath());
        }
    }
}
