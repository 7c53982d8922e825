package dev.mailroom.app.audit;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Converters;
import dev.mailroom.app.common.Csv;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.common.Tables;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.audit.AuditQuery;
import dev.mailroom.model.audit.AuditService;
import dev.mailroom.model.tenants.Tenant;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Agency › Audit log: who did what, where and when; filterable, exportable, and verifiable by the owner. */
public final class AuditPage implements Page {
    private static final String ALL = "All clients";

    private final Session session;
    private final BackgroundRunner runner;
    private final Shell shell;
    private final VBox root = new VBox(12);
    private final TableView<AuditEntry> table = new TableView<>();
    private final ComboBox<Object> tenant = new ComboBox<>();
    private final TextField person = new TextField();
    private final TextField action = new TextField();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final TextArea details = new TextArea();
    private final Label status = new Label();
    private final HBox chainResult = new HBox();

    public AuditPage(Session session, BackgroundRunner runner, Shell shell) {
        this.session = session;
        this.runner = runner;
        this.shell = shell;
        Button export = new Button("_Export CSV…", Icons.export());
        export.setId("audit-export");
        export.setOnAction(e -> export());
        Button verify = new Button("_Verify chain", Icons.verify());
        verify.setId("audit-verify");
        verify.setOnAction(e -> verify());
        verify.setVisible(session.isAgencyOwner());
        verify.setManaged(session.isAgencyOwner());
        verify.setTooltip(new Tooltip("Recomputes every entry's hash: an edited or removed entry is found."));
        chainResult.setAlignment(Pos.CENTER_LEFT);

        tenant.setId("audit-tenant");
        tenant.getItems().add(ALL);
        session.tenants().stream()
                .filter(t -> session.access().may(t.id(), Permission.AUDIT_VIEW))
                .forEach(tenant.getItems()::add);
        tenant.setValue(ALL);
        tenant.setConverter(Converters.labelled(o -> o instanceof Tenant t ? t.name() : String.valueOf(o)));
        person.setPromptText("Person");
        person.setId("audit-person");
        action.setPromptText("Action, e.g. tenant. or signin.failed");
        action.setId("audit-action");
        action.setPrefWidth(230);
        from.setPromptText("From");
        to.setPromptText("To");
        from.setPrefWidth(130);
        to.setPrefWidth(130);
        Button apply = new Button("_Apply", Icons.filter());
        apply.setDefaultButton(false);
        apply.setOnAction(e -> refresh());
        person.setOnAction(e -> refresh());
        action.setOnAction(e -> refresh());
        tenant.setOnAction(e -> refresh());
        HBox filters = new HBox(8, tenant, person, action, from, to, apply, status);
        filters.setAlignment(Pos.CENTER_LEFT);
        status.getStyleClass().add("text-muted");

        table.setId("audit-table");
        TableColumn<AuditEntry, Instant> when = new TableColumn<>("When");
        when.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().at()));
        when.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant at, boolean empty) {
                super.updateItem(at, empty);
                setText(empty || at == null ? null : Formats.exact(at));
            }
        });
        when.setPrefWidth(210);
        table.getColumns().add(when);
        table.getColumns().add(Tables.text("Client", e -> e.tenantName().orElse("Agency"), 150));
        table.getColumns().add(Tables.text("Who", AuditPage::who, 230));
        table.getColumns().add(Tables.text("Action", AuditEntry::action, 170));
        table.getColumns().add(Tables.text("Target", AuditEntry::target, 240));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No entries match these filters."));
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, e) -> details.setText(e == null ? "" : describe(e)));
        details.setEditable(false);
        details.setId("audit-details");
        details.setPrefRowCount(6);
        SplitPane split = new SplitPane(table, details);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.7);
        VBox.setVgrow(split, Priority.ALWAYS);
        root.getChildren()
                .setAll(
                        PageHeader.of(
                                "Audit log",
                                "Every change, sign-in and reveal, append-only. Entries are chained by hash.",
                                chainResult,
                                verify,
                                export),
                        filters,
                        split);
        root.getStyleClass().add("page");
    }

    static String who(AuditEntry e) {
        return e.impersonatorName().map(owner -> owner + " as " + e.actorName()).orElse(e.actorName());
    }

    private static String describe(AuditEntry e) {
        StringBuilder b = new StringBuilder();
        b.append("#").append(e.id()).append("  ").append(Formats.exact(e.at())).append('\n');
        b.append(who(e))
                .append(" · ")
                .append(e.action())
                .append(" · ")
                .append(e.target())
                .append('\n');
        if (!e.details().isBlank()) {
            b.append('\n').append(e.details()).append('\n');
        }
        b.append("\nhash ").append(e.hash());
        return b.toString();
    }

    private AuditQuery query(int limit) {
        Optional<dev.mailroom.model.common.TenantId> t =
                tenant.getValue() instanceof Tenant x ? Optional.of(x.id()) : Optional.empty();
        ZoneId zone = ZoneId.systemDefault();
        return new AuditQuery(
                t,
                Optional.ofNullable(person.getText()).filter(s -> !s.isBlank()),
                Optional.ofNullable(action.getText()).filter(s -> !s.isBlank()),
                Optional.ofNullable(from.getValue())
                        .map(d -> d.atStartOfDay(zone).toInstant()),
                Optional.ofNullable(to.getValue())
                        .map(d -> d.plusDays(1).atStartOfDay(zone).toInstant()),
                limit);
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void refresh() {
        AuditQuery q = query(2_000);
        runner.run(Task.of(
                "Reading the audit log",
                p -> session.services().auditLog().search(session.actor(), q),
                entries -> {
                    table.getItems().setAll(entries);
                    status.setText(Formats.count(entries.size())
                            + (entries.size() == q.limit() ? "+ entries (newest shown)" : " entries"));
                },
                e -> Dialogs.showError(shell.window(), "Could not read the audit log", e)));
    }

    @Override
    public void focusFilter() {
        person.requestFocus();
    }

    private void verify() {
        runner.run(Task.of(
                "Verifying the audit chain",
                p -> session.services().auditLog().verify(session.actor()),
                check -> {
                    Chip chip = check.intact()
                            ? new Chip("Intact · " + Formats.count(check.entries()) + " entries", Chip.Tone.SUCCESS)
                            : new Chip("Broken at entry #" + check.firstBroken().getAsLong(), Chip.Tone.DANGER);
                    chip.setId("audit-chain-result");
                    chainResult.getChildren().setAll(chip);
                },
                e -> Dialogs.showError(shell.window(), "Could not verify the audit log", e)));
    }

    private void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the audit log");
        chooser.setInitialFileName("mailroom-audit.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        java.io.File file = chooser.showSaveDialog(shell.window());
        if (file == null) {
            return;
        }
        Path target = file.toPath();
        AuditQuery q = query(AuditService.MAX_ROWS);
        runner.run(Task.of(
                "Exporting the audit log",
                p -> {
                    List<AuditEntry> entries = session.services().auditLog().search(session.actor(), q);
                    try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                        Csv.row(
                                out,
                                List.of(
                                        "id",
                                        "time",
                                        "client",
                                        "actor",
                                        "acting owner",
                                        "action",
                                        "target",
                                        "details"));
                        for (AuditEntry e : entries) {
                            Csv.row(
                                    out,
                                    List.of(
                                            Long.toString(e.id()),
                                            e.at().toString(),
                                            e.tenantName().orElse(""),
                                            e.actorName(),
                                            e.impersonatorName().orElse(""),
                                            e.action(),
                                            e.target(),
                                            e.details()));
                        }
                    }
                    return entries.size();
                },
                n -> status.setText("Exported " + Formats.count(n) + " entries to " + target.getFileName()),
                e -> Dialogs.showError(shell.window(), "Could not export the audit log", e)));
    }
}
