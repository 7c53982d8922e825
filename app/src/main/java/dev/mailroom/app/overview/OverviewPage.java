package dev.mailroom.app.overview;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.app.tenants.TenantColumns;
import dev.mailroom.model.tenants.Tenant;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Agency › Overview: every tenant the person may see, in one sortable table. */
public final class OverviewPage implements Page {
    private final Shell shell;
    private final VBox root = new VBox(12);
    private final TableView<Tenant> table = new TableView<>();

    public OverviewPage(Session session, BackgroundRunner runner, Shell shell) {
        this.shell = shell;
        table.setId("overview-table");
        table.getColumns().add(TenantColumns.name());
        table.getColumns().add(TenantColumns.status(session.services().clock()));
        table.getColumns().add(TenantColumns.text("Contact", Tenant::contactName, 170));
        table.getColumns().add(TenantColumns.text("Infrastructure", t -> t.ownership().label(), 140));
        table.getColumns().add(TenantColumns.text("Partner access", t -> t.partnerAccess().label(), 240));
        table.getColumns().add(TenantColumns.created(session.services().clock()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        SortedList<Tenant> sorted = new SortedList<>(session.tenants());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setRowFactory(tv -> {
            TableRow<Tenant> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    shell.openTenant(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                shell.openTenant(table.getSelectionModel().getSelectedItem());
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        Label empty = new Label(session.signedIn().user().agencyOwner()
                ? "No tenants yet. Add your first client under Tenants."
                : "You have no role in any tenant yet. Ask your agency's owner for access.");
        empty.setWrapText(true);
        VBox emptyBox = new VBox(8, empty);
        emptyBox.setAlignment(Pos.CENTER);
        table.setPlaceholder(emptyBox);

        Button refresh = new Button("Refresh", Icons.refresh());
        refresh.setOnAction(e -> refresh());
        root.getChildren().setAll(PageHeader.of("Overview", "Every client at a glance. Double-click one to open it.", refresh), table);
        root.getStyleClass().add("page");
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void refresh() {
        shell.reloadTenants();
    }
}
