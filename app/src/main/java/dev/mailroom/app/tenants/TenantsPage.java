package dev.mailroom.app.tenants;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.common.Tables;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.tenants.Tenant;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Agency › Tenants: every tenant, active or archived, with the selected one's details and actions below. */
public final class TenantsPage implements Page {
    private final Session session;
    private final BackgroundRunner runner;
    private final Shell shell;
    private final TenantsViewModel vm;
    private final VBox root = new VBox(12);
    private final TextField filter = new TextField();
    private final TableView<Tenant> table = new TableView<>();
    private final TenantDetails details;

    public TenantsPage(Session session, BackgroundRunner runner, Shell shell) {
        this.session = session;
        this.runner = runner;
        this.shell = shell;
        this.details = new TenantDetails(session, runner, shell);
        this.vm = new TenantsViewModel(session.tenants(), session.isAgencyOwner(), details.viewModel());

        Button add = new Button("_Add tenant", Icons.add());
        add.setId("add-tenant");
        add.getStyleClass().add("accent");
        add.setOnAction(e -> newItem());
        add.setVisible(vm.mayAdd());
        add.setManaged(add.isVisible());

        filter.setId("tenant-filter");
        filter.setPromptText("Filter by name or contact (Ctrl+F)");
        filter.setPrefWidth(300);
        filter.textProperty().bindBidirectional(vm.filter());
        ToggleButton active = new ToggleButton("Active");
        ToggleButton archived = new ToggleButton("Archived");
        ToggleGroup which = new ToggleGroup();
        active.setToggleGroup(which);
        archived.setToggleGroup(which);
        active.setId("show-active");
        archived.setId("show-archived");
        active.setSelected(!vm.archived().get());
        archived.setSelected(vm.archived().get());
        active.getStyleClass().add("left-pill");
        archived.getStyleClass().add("right-pill");
        which.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one of the two is always chosen
            } else {
                vm.archived().set(now == archived);
            }
        });
        vm.archived().addListener((o, was, now) -> (now ? archived : active).setSelected(true));
        Label count = new Label();
        count.getStyleClass().add("text-muted");
        count.textProperty().bind(vm.count());
        HBox tools = new HBox(10, filter, new HBox(active, archived), count);
        tools.setAlignment(Pos.CENTER_LEFT);

        table.setId("tenants-table");
        table.getColumns().add(TenantColumns.name());
        table.getColumns().add(TenantColumns.status(session.services().clock()));
        table.getColumns().add(TenantColumns.text("Contact", Tenant::contactName, 170));
        table.getColumns()
                .add(TenantColumns.text("Infrastructure", t -> t.ownership().label(), 140));
        table.getColumns()
                .add(Tables.wrapped(
                        "partner-access",
                        "Partner access",
                        t -> t.partnerAccess().label(),
                        240));
        table.getColumns().add(TenantColumns.created(session.services().clock()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        SortedList<Tenant> sorted = new SortedList<>(vm.shown());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(emptyState());
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, t) -> details.show(Optional.ofNullable(t)));
        TenantColumns.openOnActivate(table, shell);
        // Keep the selection (and its details) in step with reloads.
        session.tenants().addListener((ListChangeListener<Tenant>) c -> {
            Tenant selected = table.getSelectionModel().getSelectedItem();
            details.show(Optional.ofNullable(selected));
        });

        SplitPane split = new SplitPane(table, details.root());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.58);
        VBox.setVgrow(split, Priority.ALWAYS);
        root.getChildren()
                .setAll(
                        PageHeader.of(
                                "Tenants", "Your clients. Archived tenants are read-only and kept for 90 days.", add),
                        tools,
                        split);
        root.getStyleClass().add("page");
        details.show(Optional.empty());
    }

    private Node emptyState() {
        Label text =
                new Label("No tenants here yet. A tenant is one client company: its domains, templates and reports.");
        text.setWrapText(true);
        Region r = new Region();
        VBox box = new VBox(8, text, r);
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(420);
        return box;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void refresh() {
        shell.reloadTenants();
    }

    @Override
    public void newItem() {
        if (!vm.mayAdd()) {
            return;
        }
        TenantFormDialog.show(shell.window(), TenantFormDialog.viewModel(session, runner, Optional.empty()))
                .ifPresent(saved -> {
                    vm.added();
                    shell.reloadTenants();
                });
    }

    @Override
    public void focusFilter() {
        filter.requestFocus();
    }
}
