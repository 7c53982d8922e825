package dev.mailroom.app.suppressions;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Csv;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.common.Tables;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.RecipientCsv;
import dev.mailroom.model.suppressions.Suppression;
import dev.mailroom.model.tenants.Tenant;
import java.io.File;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Tenant › Suppressions: who is not sent to from each sending domain, and why. */
public final class SuppressionsPage implements Page {
    private final Session session;
    private final BackgroundRunner runner;
    private final Shell shell;
    private final VBox root = new VBox(12);
    private final ObservableList<Suppression> entries = FXCollections.observableArrayList();
    private final FilteredList<Suppression> shown = new FilteredList<>(entries);
    private final TableView<Suppression> table = new TableView<>(shown);
    private final ComboBox<String> domain = new ComboBox<>();
    private final TextField search = new TextField();
    private final HBox actions = new HBox(8);
    private final Label readOnly = new Label();

    public SuppressionsPage(Session session, BackgroundRunner runner, Shell shell) {
        this.session = session;
        this.runner = runner;
        this.shell = shell;
        domain.setId("suppression-domain");
        domain.setPromptText("Sending domain");
        domain.valueProperty().addListener((o, was, d) -> load());
        search.setId("suppression-search");
        search.setPromptText("Search addresses (Ctrl+F)");
        search.setPrefWidth(280);
        search.textProperty().addListener((o, was, q) -> {
            String s = q.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(x -> s.isEmpty()
                    || x.address().contains(s)
                    || x.note().toLowerCase(Locale.ROOT).contains(s));
        });
        Button add = new Button("_Add…", Icons.add());
        add.setId("suppression-add");
        add.setOnAction(e -> newItem());
        Button remove = new Button("_Remove…", Icons.purge());
        remove.setId("suppression-remove");
        remove.disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> remove(table.getSelectionModel().getSelectedItem()));
        Button importCsv = new Button("_Import CSV…");
        importCsv.setOnAction(e -> importCsv());
        actions.getChildren().addAll(add, remove, importCsv);
        Button export = new Button("_Export CSV…", Icons.export());
        export.setOnAction(e -> exportCsv());

        table.setId("suppressions-table");
        table.getColumns().add(Tables.text("Address", Suppression::address, 260));
        table.getColumns()
                .add(Tables.text(
                        "Reason", s -> s.reason().name().replace('_', ' ').toLowerCase(Locale.ROOT), 130));
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
        readOnly.getStyleClass().add("text-muted");
        readOnly.setText("You can see the suppression lists; changing them needs the Suppressions permission.");
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
        session.currentTenantProperty().addListener((o, was, t) -> refresh());
    }

    private Optional<TenantId> tenant() {
        return session.currentTenant().map(Tenant::id);
    }

    private boolean mayManage() {
        return tenant().map(t -> session.access().may(t, Permission.SUPPRESSIONS_MANAGE))
                .orElse(false);
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
        boolean manage = mayManage();
        actions.setVisible(manage);
        actions.setManaged(manage);
        readOnly.setVisible(!manage);
        readOnly.setManaged(!manage);
        tenant().ifPresent(t -> runner.run(Task.of(
                "Loading sending domains",
                p -> session.services().sendingDomains().names(t),
                names -> {
                    String was = domain.getValue();
                    domain.getItems().setAll(names);
                    domain.setValue(names.contains(was) ? was : names.isEmpty() ? null : names.get(0));
                    load();
                },
                e -> Dialogs.showError(shell.window(), "Could not load the sending domains", e))));
    }

    private void load() {
        String d = domain.getValue();
        Optional<TenantId> current = tenant();
        if (d == null || current.isEmpty()) {
            entries.clear();
            return;
        }
        TenantId t = current.orElseThrow();
        runner.run(Task.of(
                "Loading suppressions",
                p -> session.services().suppressions().list(session.actor(), t, d),
                entries::setAll,
                e -> Dialogs.showError(shell.window(), "Could not load the suppressions", e)));
    }

    @Override
    public void newItem() {
        if (!mayManage() || domain.getValue() == null) {
            return;
        }
        TextInputDialog ask = new TextInputDialog();
        ask.initOwner(shell.window());
        ask.setTitle("Add to the suppression list");
        ask.setHeaderText("No mail from " + domain.getValue() + " goes to this address until it is removed.");
        ask.setContentText("Address:");
        ask.showAndWait().filter(a -> !a.isBlank()).ifPresent(address -> {
            TenantId t = tenant().orElseThrow();
            String d = domain.getValue();
            runner.run(Task.of(
                    "Adding " + address,
                    p -> session.services().suppressions().addManual(session.actor(), t, d, address, "added by hand"),
                    ok -> load(),
                    e -> Dialogs.showError(shell.window(), "Could not add " + address, e)));
        });
    }

    private void remove(Suppression s) {
        TextInputDialog ask = new TextInputDialog();
        ask.initOwner(shell.window());
        ask.setTitle("Remove from the suppression list");
        ask.setHeaderText("Mail to " + s.address() + " will be sent again. It was suppressed for: "
                + s.reason().name().replace('_', ' ').toLowerCase(Locale.ROOT) + ". Why remove it?");
        ask.setContentText("Reason:");
        ask.getEditor().setId("suppression-remove-reason");
        // The reason is kept with the removed entry and in the audit log: no empty answer.
        ask.getDialogPane()
                .lookupButton(javafx.scene.control.ButtonType.OK)
                .disableProperty()
                .bind(javafx.beans.binding.Bindings.createBooleanBinding(
                        () -> ask.getEditor().getText().strip().length() < 3,
                        ask.getEditor().textProperty()));
        ask.showAndWait()
                .filter(r -> !r.isBlank())
                .ifPresent(reason -> runner.run(Task.of(
                        "Removing " + s.address(),
                        p -> {
                            session.services()
                                    .suppressions()
                                    .remove(session.actor(), s.tenant(), s.domain(), s.address(), reason);
                            return null;
                        },
                        ok -> load(),
                        e -> Dialogs.showError(shell.window(), "Could not remove " + s.address(), e))));
    }

    private void importCsv() {
        String d = domain.getValue();
        if (d == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import suppressions");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV or text", "*.csv", "*.txt"));
        File file = chooser.showOpenDialog(shell.window());
        if (file == null) {
            return;
        }
        TenantId t = tenant().orElseThrow();
        runner.run(Task.of(
                        "Importing " + file.getName(),
                        p -> {
                            RecipientCsv.Parsed parsed =
                                    RecipientCsv.parse(Files.readString(file.toPath(), StandardCharsets.UTF_8));
                            int done = 0;
                            for (RecipientCsv.Recipient r : parsed.recipients()) {
                                if (p.isCancelled()) {
                                    break;
                                }
                                session.services()
                                        .suppressions()
                                        .addManual(
                                                session.actor(), t, d, r.address(), "imported from " + file.getName());
                                p.update(++done, parsed.recipients().size(), r.address());
                            }
                            return "Imported " + done + " address(es)"
                                    + (parsed.errors().isEmpty()
                                            ? "."
                                            : "; " + parsed.errors().size() + " row(s) skipped, first: line "
                                                    + parsed.errors().get(0).line() + " — "
                                                    + parsed.errors().get(0).problem());
                        },
                        summary -> {
                            load();
                            Dialogs.confirm(shell.window(), "Import finished", summary, "OK");
                        },
                        e -> Dialogs.showError(shell.window(), "Could not import " + file.getName(), e))
                .withCancel());
    }

    private void exportCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export suppressions");
        chooser.setInitialFileName("suppressions-" + domain.getValue() + ".csv");
        File file = chooser.showSaveDialog(shell.window());
        if (file == null) {
            return;
        }
        List<Suppression> copy = List.copyOf(shown);
        runner.run(Task.of(
                "Exporting suppressions",
                p -> {
                    try (Writer out = Files.newBufferedWriter(file.toPath(), StandardCharsets.UTF_8)) {
                        Csv.row(out, List.of("email", "reason", "since", "until", "note"));
                        for (Suppression s : copy) {
                            Csv.row(
                                    out,
                                    List.of(
                                            s.address(),
                                            s.reason().name(),
                                            s.since().toString(),
                                            s.until().map(Object::toString).orElse(""),
                                            s.note()));
                        }
                    }
                    return file;
                },
                f -> {},
                e -> Dialogs.showError(shell.window(), "Could not export", e)));
    }
}
