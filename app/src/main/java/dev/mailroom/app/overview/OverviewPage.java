package dev.mailroom.app.overview;

import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.ColumnChoice;
import dev.mailroom.app.common.ColumnPicker;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.overview.OverviewViewModel.Badge;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.app.tenants.TenantColumns;
import dev.mailroom.model.tenants.Tenant;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Agency › Overview: every tenant the person may see, in one sortable table. It builds the nodes and
 * binds them to its {@link OverviewViewModel}; the columns shown follow the table's width until the
 * person picks them in the Columns menu (kept for them).
 */
public final class OverviewPage implements Page {
    private final OverviewViewModel vm;
    private final Shell shell;
    private final VBox root = new VBox(12);
    private final TableView<Tenant> table = new TableView<>();

    public OverviewPage(OverviewViewModel vm, Shell shell, Clock clock) {
        this.vm = vm;
        this.shell = shell;
        HealthColumns health = new HealthColumns(vm);
        Map<String, TableColumn<Tenant, ?>> byId = new HashMap<>();
        TableColumn<Tenant, ?> name = TenantColumns.name();
        name.setId("name");
        // The name wraps rather than being cut; the first column stays put when others scroll.
        name.setReorderable(false);
        List.<TableColumn<Tenant, ?>>of(
                        name,
                        withId(TenantColumns.status(clock), "status"),
                        withId(TenantColumns.text("Contact", Tenant::contactName, 170), "contact"),
                        withId(
                                TenantColumns.text(
                                        "Infrastructure", t -> t.ownership().label(), 140),
                                "infrastructure"),
                        withId(
                                TenantColumns.text(
                                        "Partner access", t -> t.partnerAccess().label(), 240),
                                "partner-access"),
                        withId(TenantColumns.created(clock), "created"))
                .forEach(c -> byId.put(c.getId(), c));
        health.columns().forEach(c -> byId.put(c.getId(), c));
        health.limitColumns().forEach(c -> byId.put(c.getId(), c));
        vm.badges().forEach((id, content) -> byId.put(id, badgeColumn(id, content)));
        for (ColumnChoice.Column c : vm.columns().columns()) {
            TableColumn<Tenant, ?> column = byId.get(c.id());
            column.setText(c.title());
            table.getColumns().add(column);
        }
        table.setId("overview-table");
        // Unconstrained: should the columns picked not fit, a scroll bar reaches the last instead of hiding it.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        SortedList<Tenant> sorted = new SortedList<>(vm.shown());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        vm.revision().addListener((o, was, now) -> table.refresh());
        TenantColumns.openOnActivate(table, shell);
        VBox.setVgrow(table, Priority.ALWAYS);

        Label empty = new Label(vm.emptyText());
        empty.setWrapText(true);
        VBox emptyBox = new VBox(8, empty);
        emptyBox.setAlignment(Pos.CENTER);
        table.setPlaceholder(emptyBox);

        ToggleButton needsAttention = new ToggleButton("Needs attention", Icons.warning());
        needsAttention.setId("needs-attention");
        needsAttention.selectedProperty().bindBidirectional(vm.needsAttention());
        ToggleButton onboardingIncomplete = new ToggleButton("Onboarding incomplete", Icons.verify());
        onboardingIncomplete.setId("onboarding-incomplete");
        onboardingIncomplete.selectedProperty().bindBidirectional(vm.onboardingIncomplete());
        Button refresh = new Button("Refresh", Icons.refresh());
        refresh.setOnAction(e -> refresh());
        root.getChildren()
                .setAll(
                        PageHeader.of(
                                "Overview",
                                "Every client at a glance. Double-click one to open it.",
                                needsAttention,
                                onboardingIncomplete,
                                ColumnPicker.of(table, vm.columns()),
                                refresh),
                        table);
        root.getStyleClass().add("page");
    }

    private static <S, T> TableColumn<S, T> withId(TableColumn<S, T> c, String id) {
        c.setId(id);
        return c;
    }

    /** A status column: a chip in its tone (or plain text, "—" where the role hides it) and its tooltip. */
    private static TableColumn<Tenant, Tenant> badgeColumn(String id, Function<Tenant, Optional<Badge>> content) {
        TableColumn<Tenant, Tenant> c = new TableColumn<>();
        c.setId(id);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setSortable(false);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Tenant t, boolean empty) {
                super.updateItem(t, empty);
                Optional<Badge> b = empty || t == null ? Optional.empty() : content.apply(t);
                setText(b.filter(x -> x.tone() == null).map(Badge::text).orElse(null));
                setGraphic(b.filter(x -> x.tone() != null)
                        .map(x -> {
                            Chip chip = new Chip(x.text(), x.tone());
                            chip.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                            return chip;
                        })
                        .orElse(null));
                setTooltip(b.map(Badge::tooltip).map(Tooltip::new).orElse(null));
            }
        });
        return c;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void refresh() {
        shell.reloadTenants();
        vm.refresh();
    }
}
