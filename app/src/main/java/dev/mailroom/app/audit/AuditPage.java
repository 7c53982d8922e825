package dev.mailroom.app.audit;

import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Converters;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.common.Tables;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.tenants.Tenant;
import java.time.Instant;
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
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Agency › Audit log: who did what, where and when; filterable, exportable, and verifiable by the owner. */
public final class AuditPage implements Page {
    private static final String ALL = "All clients";

    private final AuditViewModel vm;
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

    public AuditPage(AuditViewModel vm, Shell shell, boolean agencyOwner) {
        this.vm = vm;
        this.shell = shell;
        Button export = new Button("_Export CSV…", Icons.export());
        export.setId("audit-export");
        export.setOnAction(e -> export());
        Button verify = new Button("_Verify chain", Icons.verify());
        verify.setId("audit-verify");
        verify.setOnAction(e -> verify());
        verify.setVisible(agencyOwner);
        verify.setManaged(agencyOwner);
        verify.setTooltip(new Tooltip("Recomputes every entry's hash: an edited or removed entry is found."));
        chainResult.setAlignment(Pos.CENTER_LEFT);

        tenant.setId("audit-tenant");
        tenant.getItems().add(ALL);
        tenant.getItems().addAll(vm.tenants());
        tenant.setValue(ALL);
        person.textProperty().bindBidirectional(vm.person());
        action.textProperty().bindBidirectional(vm.action());
        from.valueProperty().bindBidirectional(vm.from());
        to.valueProperty().bindBidirectional(vm.to());
        status.textProperty().bind(vm.status());
        table.setItems(vm.entries());
        vm.chain().addListener((o, was, check) -> {
            if (check == null) {
                chainResult.getChildren().clear();
                return;
            }
            Chip chip = check.intact()
                    ? new Chip("Intact · " + Formats.count(check.entries()) + " entries", Chip.Tone.SUCCESS)
                    : new Chip("Broken at entry #" + check.firstBroken().getAsLong(), Chip.Tone.DANGER);
            chip.setId("audit-chain-result");
            chainResult.getChildren().setAll(chip);
        });
        tenant.setConverter(Converters.labelled(o -> o instanceof Tenant t ? t.name() : String.valueOf(o)));
        person.setPromptText("Person");
        person.setId("audit-person");
        person.setPrefWidth(160);
        // The prompt fits its field at 1280 wide; how the filter matches is in the tooltip.
        action.setPromptText("Action, e.g. signin.failed");
        action.setTooltip(new Tooltip("An action code or its start: \"tenant.\" finds every tenant action. Each"
                + " entry's code is in its detail below."));
        action.setId("audit-action");
        action.setPrefWidth(230);
        tenant.setMaxWidth(220);
        from.setPromptText("From");
        to.setPromptText("To");
        from.setPrefWidth(130);
        to.setPrefWidth(130);
        Button apply = new Button("_Apply", Icons.filter());
        apply.setDefaultButton(false);
        apply.setOnAction(e -> refresh());
        person.setOnAction(e -> refresh());
        action.setOnAction(e -> refresh());
        tenant.setOnAction(e -> {
            // The action comes before the value's listeners: the filter is set here, then the search runs.
            vm.tenant().set(tenant.getValue() instanceof Tenant t ? t : null);
            refresh();
        });
        HBox filters = new HBox(8, tenant, person, action, from, to, apply, status);
        filters.setAlignment(Pos.CENTER_LEFT);
        status.getStyleClass().add("text-muted");
        status.setMinWidth(Region.USE_PREF_SIZE); // "12,345 entries" whole; the person field gives way first
        // At 1280 wide with a long client name the row is too narrow for every field: the client and person
        // fields give way; Apply and the action's prompt stay whole (Apply was cut to "A…").
        apply.setMinWidth(Region.USE_PREF_SIZE);
        action.setMinWidth(Region.USE_PREF_SIZE);
        tenant.setMinWidth(120);
        person.setMinWidth(90);

        table.setId("audit-table");
        TableColumn<AuditEntry, Instant> when = new TableColumn<>("When");
        when.setId("when");
        when.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().at()));
        when.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant at, boolean empty) {
                super.updateItem(at, empty);
                setText(empty || at == null ? null : Formats.exact(at));
            }
        });
        table.getColumns().add(when);
        table.getColumns()
                .add(Tables.text("client", "Client", e -> e.tenantName().orElse("Agency"), 150));
        table.getColumns().add(Tables.text("who", "Who", AuditViewModel::who, 170));
        // In words; the code is in the detail below (and the CSV), where filters use it.
        table.getColumns().add(Tables.text("action", "Action", e -> AuditActions.words(e.action()), 220));
        table.getColumns().add(Tables.text("target", "Target", AuditEntry::target, 240));
        // Unconstrained: the columns shown fit the width, the target takes the rest; should the ones picked not
        // fit, a scroll bar reaches them.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        javafx.scene.control.MenuButton columns =
                dev.mailroom.app.common.ColumnPicker.of(table, vm.columns(shell.settings()), "target");
        table.setPlaceholder(new Label("No entries match these filters."));
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, e) -> details.setText(e == null ? "" : AuditViewModel.describe(e)));
        details.setEditable(false);
        details.setPromptText("Select an entry to see its detail: the action's code, what changed, and its hash.");
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
                                columns,
                                verify,
                                export),
                        filters,
                        split);
        root.getStyleClass().add("page");
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void refresh() {
        vm.refresh();
    }

    @Override
    public void focusFilter() {
        person.requestFocus();
    }

    private void verify() {
        vm.verify();
    }

    private void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the audit log");
        chooser.setInitialFileName("mailroom-audit.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        java.io.File file = chooser.showSaveDialog(shell.window());
        if (file != null) {
            vm.exportTo(file.toPath());
        }
    }
}
