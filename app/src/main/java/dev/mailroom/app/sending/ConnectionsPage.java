package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.common.Tables;
import dev.mailroom.app.providers.ProviderSyncViewModel;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ProbeReport;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.tenants.Tenant;
import java.util.Optional;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Tenant › Connections: the client's SMTP relays and provider API connections, with a form for each kind
 * and a live test.
 */
public final class ConnectionsPage implements Page {
    private final Session session;
    private final BackgroundRunner runner;
    private final Shell shell;
    private final VBox root = new VBox(12);
    private final ConnectionsViewModel vm;
    private final TableView<Connection> table;
    private final VBox detail = new VBox(12);
    private final Button add = new Button("_Add connection", Icons.add());
    private final Button addApi = new Button("Add _provider API…", Icons.add());
    private final Label readOnly = new Label();
    private final WarmupPlansPane warmup;
    private final ProviderSyncViewModel sync;
    private final dev.mailroom.app.providers.ProviderKeysViewModel keys;

    public ConnectionsPage(Session session, BackgroundRunner runner, Shell shell) {
        this.session = session;
        this.runner = runner;
        this.shell = shell;
        this.vm = new ConnectionsViewModel(
                session.services().connections(),
                session.actor(),
                runner,
                (tenant, permission) -> session.access().may(tenant, permission));
        this.table = new TableView<>(vm.connections());
        this.sync = new ProviderSyncViewModel(
                session.services().providerSync(),
                session.services().providerSuppressions(),
                session.services().providerWebhooks(),
                runner,
                session::actor,
                session.services().clock());
        this.keys = new dev.mailroom.app.providers.ProviderKeysViewModel(
                session.services().providerKeys(),
                session.actor(),
                runner,
                (tenant, permission) -> session.access().may(tenant, permission));
        add.setId("add-connection");
        add.getStyleClass().add("accent");
        add.setOnAction(e -> newItem());
        addApi.setId("add-api-connection");
        for (Button b : new Button[] {add, addApi}) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the subtitle gives way, not the buttons
        }
        addApi.setOnAction(e -> newApiItem());

        table.setId("connections-table");
        table.getColumns().add(Tables.text("Name", Connection::name, 200));
        table.getColumns().add(Tables.text("Environment", c -> environmentLabel(c.environment()), 120));
        table.getColumns().add(Tables.text("Kind", c -> c.kind().label(), 130));
        table.getColumns().add(Tables.text("Relay", Connection::address, 320));
        table.getColumns().add(Tables.text("User", c -> c.username().isEmpty() ? "—" : c.username(), 200));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(emptyState());
        table.getSelectionModel().selectedItemProperty().addListener((o, was, c) -> {
            vm.selected().set(c);
            renderDetail(Optional.ofNullable(c));
        });

        readOnly.setId("connections-read-only");
        readOnly.getStyleClass().add("text-muted");
        readOnly.setWrapText(true);
        readOnly.textProperty().bind(vm.readOnlyNote());
        readOnly.visibleProperty().bind(vm.readOnlyNote().isNotEmpty());
        readOnly.managedProperty().bind(readOnly.visibleProperty());
        add.visibleProperty().bind(vm.mayManage());
        add.managedProperty().bind(vm.mayManage());
        addApi.visibleProperty().bind(vm.mayManage());
        addApi.managedProperty().bind(vm.mayManage());
        ScrollPane detailScroll = new ScrollPane(detail);
        detailScroll.setFitToWidth(true);
        detail.getStyleClass().add("detail-pane");
        warmup = new WarmupPlansPane(session, runner, shell);
        warmup.root().getStyleClass().add("detail-pane");
        VBox keysBox = new VBox(dev.mailroom.app.providers.ProviderKeysPane.build(
                keys, shell::window, () -> session.services().clock().instant()));
        keysBox.getStyleClass().add("detail-pane");
        keysBox.getChildren().forEach(n -> VBox.setVgrow(n, Priority.ALWAYS));
        // Not in a scroll pane: the help line and the buttons stay put above the keys table, which scrolls itself.
        // Warm-up plans and provider keys share the lower part, one tab each (four panes do not fit 1280×800).
        javafx.scene.control.Tab warmupTab = new javafx.scene.control.Tab("Warm-up plans", warmup.root());
        javafx.scene.control.Tab keysTab = new javafx.scene.control.Tab("Provider keys", keysBox);
        keysTab.setId("provider-keys-tab");
        keysTab.disableProperty().bind(keys.mayManage().not());
        javafx.scene.control.TabPane lower = new javafx.scene.control.TabPane(warmupTab, keysTab);
        lower.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(table, detailScroll, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.3, 0.58);
        VBox.setVgrow(split, Priority.ALWAYS);
        root.getChildren()
                .setAll(
                        PageHeader.of(
                                "Connections",
                                "The SMTP relays and provider APIs (MailerSend, SendGrid) this client's mail leaves "
                                        + "through. Production and staging are kept apart.",
                                addApi,
                                add),
                        readOnly,
                        split);
        root.getStyleClass().add("page");
        session.currentTenantProperty().addListener((o, was, now) -> refresh());
        renderDetail(Optional.empty());
    }

    static String environmentLabel(SendingEnvironment e) {
        return e.label();
    }

    private VBox emptyState() {
        return Tables.emptyState(
                "No connections yet",
                "Mail for this client leaves through an SMTP relay: your provider's (Postmark, SES, "
                        + "Mailgun…) or your own. Add one with its host, port and sign-in, then test it.");
    }

    private Optional<TenantId> tenant() {
        return session.currentTenant().map(Tenant::id);
    }

    private boolean may(Permission p) {
        return vm.may(p);
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void refresh() {
        Optional<TenantId> t = tenant();
        vm.tenant().set(t.orElse(null));
        warmup.show(t);
        sync.tenant().set(t.orElse(null));
        sync.refresh();
        keys.tenant().set(t.orElse(null));
        keys.refresh();
        Optional<Connection> selected =
                Optional.ofNullable(table.getSelectionModel().getSelectedItem());
        vm.refresh(list -> selected.flatMap(
                        s -> list.stream().filter(c -> c.id().equals(s.id())).findFirst())
                .ifPresent(table.getSelectionModel()::select));
    }

    @Override
    public void newItem() {
        if (!may(Permission.CONNECTIONS_MANAGE)) {
            return;
        }
        ConnectionFormDialog.show(shell.window(), session, runner, tenant().orElseThrow(), Optional.empty())
                .ifPresent(created -> {
                    refresh();
                    table.getSelectionModel().select(created);
                });
    }

    /** A MailerSend or SendGrid connection: its own form, with the kind chosen there. */
    private void newApiItem() {
        if (!may(Permission.CONNECTIONS_MANAGE)) {
            return;
        }
        ApiConnectionFormDialog.show(shell.window(), session, runner, tenant().orElseThrow(), Optional.empty())
                .ifPresent(created -> {
                    refresh();
                    table.getSelectionModel().select(created);
                });
    }

    private Optional<Connection> editForm(Connection c) {
        return c.kind().isApi()
                ? ApiConnectionFormDialog.show(shell.window(), session, runner, c.tenant(), Optional.of(c))
                : ConnectionFormDialog.show(shell.window(), session, runner, c.tenant(), Optional.of(c));
    }

    private void renderDetail(Optional<Connection> selected) {
        if (selected.isEmpty()) {
            Label none = new Label("Select a connection to see it, test it or change it.");
            none.getStyleClass().add("text-muted");
            detail.getChildren().setAll(none);
            return;
        }
        Connection c = selected.get();
        Label name = new Label(c.name());
        name.getStyleClass().add("title-3");
        HBox title = new HBox(
                10,
                name,
                new Chip(
                        environmentLabel(c.environment()),
                        c.environment() == SendingEnvironment.PRODUCTION ? Chip.Tone.ACCENT : Chip.Tone.NEUTRAL));
        title.setAlignment(Pos.CENTER_LEFT);
        Label facts = new Label(
                c.kind().isApi()
                        ? c.address() + "   ·   " + (c.hasPassword() ? c.kind().secretName() + " stored" : "no key")
                                + "   ·   up to " + c.maxSessions() + " requests at once"
                                + (c.ratePerSecond() > 0 ? ", " + c.ratePerSecond() + " requests/s" : "")
                        : c.address() + "   ·   HELO " + c.heloName() + "   ·   "
                                + (c.username().isEmpty() ? "no sign-in" : "signs in as " + c.username())
                                + "   ·   up to " + c.maxSessions() + " sessions"
                                + (c.ratePerSecond() > 0 ? ", " + c.ratePerSecond() + " messages/s" : ""));
        facts.setId("connection-facts");
        facts.setWrapText(true);
        HBox actions = new HBox(8);
        VBox result = new VBox(6);
        result.setId("connection-test-result");
        if (may(Permission.CONNECTIONS_MANAGE)) {
            Button test = new Button("_Test connection", Icons.verify());
            test.setId("connection-test");
            test.disableProperty().bind(vm.testing());
            test.setOnAction(e -> vm.test(c));
            Button edit = new Button("_Edit…", Icons.edit());
            edit.setId("connection-edit");
            edit.setOnAction(e -> editForm(c).ifPresent(x -> refresh()));
            actions.getChildren().addAll(test, edit);
        }
        if (c.hasPassword() && may(Permission.CREDENTIALS_REVEAL)) {
            Button reveal = new Button(c.kind().isApi() ? "Re_veal key" : "Re_veal password", Icons.reveal());
            reveal.setId("connection-reveal");
            Label shown = new Label("••••••");
            shown.setId("connection-password");
            shown.textProperty()
                    .bind(javafx.beans.binding.Bindings.when(vm.revealed().isEmpty())
                            .then("••••••")
                            .otherwise(vm.revealed()));
            reveal.disableProperty().bind(vm.revealed().isNotEmpty());
            reveal.setOnAction(e -> vm.reveal(c));
            actions.getChildren().addAll(reveal, shown);
            shown.setMaxHeight(Double.MAX_VALUE);
        }
        if (may(Permission.CONNECTION_REMOVE)) {
            Button remove = new Button("_Remove…", Icons.purge());
            remove.setId("connection-remove");
            remove.getStyleClass().add("danger");
            remove.setOnAction(e -> {
                if (Dialogs.confirm(
                        shell.window(),
                        "Remove " + c.name() + "?",
                        "Mail waiting in the outbox for this "
                                + "connection can no longer be sent. Sent mail and its history stay.",
                        "Remove")) {
                    vm.remove(c, this::refresh);
                }
            });
            actions.getChildren().add(remove);
        }
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.getChildren().forEach(n -> {
            if (n instanceof Button b) {
                b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a long revealed secret gives way
            }
        });
        Runnable showResult = () -> {
            if (!vm.testWaiting().get().isEmpty()) {
                Label waiting = new Label(vm.testWaiting().get());
                waiting.getStyleClass().add("text-muted");
                result.getChildren().setAll(waiting);
            } else if (vm.testReport().get() != null) {
                showReport(vm.testReport().get(), result);
            } else {
                result.getChildren().clear();
            }
        };
        javafx.beans.InvalidationListener onTest = o -> showResult.run();
        vm.testWaiting().addListener(new javafx.beans.WeakInvalidationListener(onTest));
        vm.testReport().addListener(new javafx.beans.WeakInvalidationListener(onTest));
        result.getProperties().put("test-listener", onTest); // lives with the result box
        showResult.run();
        detail.getChildren().setAll(title, facts, actions, result);
        if (c.kind().isApi()) {
            detail.getChildren().add(syncBox(c));
        }
    }

    /**
     * Picks a file of saved webhook deliveries and asks for the provider's key to check their signatures; the
     * key is used for this import only.
     */
    private void importWebhooks(Connection c) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Import webhook deliveries for " + c.name());
        chooser.getExtensionFilters()
                .addAll(
                        new javafx.stage.FileChooser.ExtensionFilter(
                                "Webhook files (JSON, JSON Lines)", "*.json", "*.jsonl", "*.ndjson"),
                        new javafx.stage.FileChooser.ExtensionFilter("All files", "*.*"));
        java.io.File file = chooser.showOpenDialog(shell.window());
        if (file == null) {
            return;
        }
        boolean mailerSend = c.kind() == dev.mailroom.model.sending.ConnectionKind.MAILERSEND_API;
        javafx.scene.control.Dialog<String> ask = new javafx.scene.control.Dialog<>();
        ask.initOwner(shell.window());
        ask.setTitle("Check the signatures");
        javafx.scene.control.PasswordField key = new javafx.scene.control.PasswordField();
        key.setId("webhook-key");
        key.setPromptText(mailerSend ? "The webhook's signing secret" : "The verification key (base64)");
        Label why = new Label((mailerSend
                        ? "MailerSend signs each webhook with the webhook's signing secret (Domains › Webhooks)."
                        : "SendGrid signs its event webhook when signing is on; its verification key is in Mail "
                                + "Settings › Event Webhook.")
                + " With it, a file whose deliveries were changed is refused whole. Leave it empty to import without "
                + "checking. It is used for this import only and not kept.");
        why.setWrapText(true);
        why.setMaxWidth(460);
        ask.getDialogPane()
                .setContent(new VBox(
                        10, why, Forms.field(mailerSend ? "_Signing secret" : "_Verification key", key, new Label())));
        javafx.scene.control.ButtonType importType =
                new javafx.scene.control.ButtonType("Import", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        ask.getDialogPane().getButtonTypes().addAll(importType, javafx.scene.control.ButtonType.CANCEL);
        ask.setResultConverter(b -> b == importType ? key.getText() : null);
        javafx.application.Platform.runLater(key::requestFocus);
        ask.showAndWait().ifPresent(k -> sync.importWebhooks(c.id(), file.toPath(), k));
    }

    /** An API connection's activity sync: status in words, "Sync now" with progress and Cancel. */
    private VBox syncBox(Connection c) {
        Label heading = new Label("Activity sync");
        heading.getStyleClass().add("title-4");
        Label when = new Label();
        when.setId("connection-sync-when");
        Label status = new Label();
        status.setId("connection-sync-status");
        status.setWrapText(true);
        Runnable show = () -> {
            Optional<ProviderSyncViewModel.Row> row = sync.row(c.id());
            when.setText(row.map(r -> r.lastSync() + "   ·   " + r.nextSync()).orElse("Sync status loading…"));
            status.setText(row.map(ProviderSyncViewModel.Row::status).orElse(""));
            status.getStyleClass().remove("text-danger");
            if (row.map(ProviderSyncViewModel.Row::failing).orElse(false)) {
                status.getStyleClass().add("text-danger");
            }
        };
        show.run();
        javafx.collections.ListChangeListener<ProviderSyncViewModel.Row> onRows = ch -> show.run();
        sync.rows().addListener(new javafx.collections.WeakListChangeListener<>(onRows));
        status.getProperties().put("rows-listener", onRows); // held by the label, so the weak listener lives with it
        VBox box = new VBox(6, heading, when, status);
        box.setId("connection-sync");
        if (may(Permission.CONNECTIONS_MANAGE)) {
            Button now = new Button("S_ync now", Icons.verify());
            now.setId("connection-sync-now");
            now.disableProperty().bind(sync.syncing());
            now.setOnAction(e -> sync.syncNow(c.id()));
            Button cancel = new Button("Stop sync");
            cancel.setId("connection-sync-cancel");
            cancel.visibleProperty().bind(sync.syncing());
            cancel.managedProperty().bind(sync.syncing());
            cancel.setOnAction(e -> sync.cancel());
            Label progress = new Label();
            progress.setId("connection-sync-progress");
            progress.textProperty().bind(sync.progressText());
            progress.getStyleClass().add("text-muted");
            HBox buttons = new HBox(8, now);
            if (may(Permission.SUPPRESSIONS_MANAGE)) {
                Button imp = new Button("Import suppressions", Icons.add());
                imp.setId("connection-import-suppressions");
                imp.disableProperty().bind(sync.syncing());
                imp.setOnAction(e -> sync.importSuppressions(c.id()));
                buttons.getChildren().add(imp);
            }
            Button hooks = new Button("Import _webhook file…");
            hooks.setId("connection-import-webhooks");
            hooks.disableProperty().bind(sync.syncing());
            hooks.setOnAction(e -> importWebhooks(c));
            buttons.getChildren().addAll(hooks, cancel, progress);
            buttons.setAlignment(Pos.CENTER_LEFT);
            Label outcome = new Label();
            outcome.setId("connection-sync-result");
            outcome.setWrapText(true);
            outcome.textProperty().bind(sync.result());
            box.getChildren().addAll(buttons, outcome);
        }
        return box;
    }

    private static void showReport(ProbeReport report, VBox result) {
        Chip chip = new Chip(report.ok() ? "Works" : "Failed", report.ok() ? Chip.Tone.SUCCESS : Chip.Tone.DANGER);
        chip.setId("connection-test-chip");
        Label summary = new Label(report.summary());
        summary.setId("connection-test-summary");
        summary.setWrapText(true);
        HBox head = new HBox(8, chip, summary);
        head.setAlignment(Pos.CENTER_LEFT);
        result.getChildren().setAll(head);
        if (!report.offered().isEmpty()) {
            Label offered = new Label(ConnectionsViewModel.offeredText(report));
            offered.getStyleClass().add("text-muted");
            offered.setWrapText(true);
            result.getChildren().add(offered);
        }
    }
}
