package dev.mailroom.app.domains;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.common.Tables;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.domains.RecordKind;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Tenant › Domains: the current client's sending domains with each record kind's status at a glance,
 * the selection's records, keys and blocklists below, and the add-a-domain wizard in place of the list.
 */
public final class DomainsPage implements Page {
    private final Session session;
    private final BackgroundRunner runner;
    private final Shell shell;
    private final DomainsViewModel vm;
    private final StackPane root = new StackPane();
    private final VBox listView = new VBox(12);
    private final TextField filter = new TextField();
    private final FilteredList<DomainSummary> shown;
    private final TableView<DomainSummary> table = new TableView<>();
    private final Label count = new Label();
    private final Label notice = new Label();
    private final Label readOnly = new Label();
    private final Button add = new Button("_Add domain", Icons.add());
    private final Button checkAll = new Button("Check all domains", Icons.checkDns());
    private final Button importFrom = new Button("_Import from provider…", Icons.importFile());
    private DomainWizardView wizard;

    public DomainsPage(Session session, BackgroundRunner runner, Shell shell) {
        this.session = session;
        this.runner = runner;
        this.shell = shell;
        this.vm = new DomainsViewModel(DomainUseCases.of(session), runner, () -> DnsPreferences.from(shell.settings()));
        vm.onError((what, e) -> Dialogs.showError(shell.window(), what, e));
        shown = new FilteredList<>(vm.domains());

        add.setId("add-domain");
        add.getStyleClass().add("accent");
        add.setOnAction(e -> newItem());
        checkAll.setId("check-all-domains");
        checkAll.setTooltip(
                new Tooltip("Checks the records of every client's domains you may see, in the background."));
        checkAll.disableProperty().bind(vm.checkingAll());
        checkAll.setOnAction(e -> vm.checkAll());
        importFrom.setId("import-from-provider");
        importFrom.setTooltip(new Tooltip("Make a domain of the client's MailerSend or SendGrid account one of its "
                + "sending domains, with the provider's records in its plan."));
        importFrom.setOnAction(e -> vm.tenant()
                .ifPresent(t -> ProviderImportDialog.show(shell.window(), vm.providerDomains(), t.id(), d -> {
                    vm.load();
                    vm.notice().set(d.name().unicode() + " was imported.");
                })));

        filter.setId("domain-filter");
        filter.setPromptText("Filter domains (Ctrl+F)");
        filter.setPrefWidth(280);
        filter.textProperty().addListener((o, was, now) -> applyFilter());
        count.getStyleClass().add("text-muted");
        Label resolvers = new Label("DNS: " + session.services().dnsResolvers().describe());
        resolvers.getStyleClass().add("text-muted");
        Button settings = new Button("DNS _settings…", Icons.settings());
        settings.setId("dns-settings");
        settings.setTooltip(new Tooltip("Resolvers, blocklists, re-check interval and the relay's records"));
        settings.setOnAction(e -> DnsSettingsDialog.show(
                shell.window(),
                shell.settings(),
                runner,
                session.services().dnsResolvers().describe()));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox tools = new HBox(10, filter, count, gap, resolvers, settings);
        tools.setAlignment(Pos.CENTER_LEFT);

        notice.setId("domains-notice");
        notice.textProperty().bind(vm.notice());
        notice.setWrapText(true);
        notice.visibleProperty().bind(vm.notice().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        notice.getStyleClass().add("domains-notice");
        readOnly.setId("domains-read-only");
        readOnly.getStyleClass().add("read-only-note");
        readOnly.setWrapText(true);

        buildTable();
        DomainDetailView detail = new DomainDetailView(vm, shell::window);
        SplitPane split = new SplitPane(table, detail.root());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.42);
        VBox.setVgrow(split, Priority.ALWAYS);
        listView.getChildren()
                .setAll(
                        PageHeader.of(
                                "Domains",
                                "The domains this client sends from, and whether their DNS records are in place.",
                                checkAll,
                                importFrom,
                                add),
                        readOnly,
                        notice,
                        tools,
                        split);
        listView.getStyleClass().add("page");
        root.getChildren().setAll(listView);

        vm.domains().addListener((ListChangeListener<DomainSummary>) c -> updateCount());
        session.currentTenantProperty().addListener((o, was, now) -> {
            closeWizard();
            refresh();
        });
        applyFilter();
    }

    private void buildTable() {
        table.setId("domains-table");
        TableColumn<DomainSummary, String> name = new TableColumn<>("Domain");
        name.setCellValueFactory(
                cd -> new ReadOnlyStringWrapper(cd.getValue().domain().name().unicode()));
        name.setPrefWidth(200);
        TableColumn<DomainSummary, DomainSummary> status =
                chipColumn("Status", 130, StatusChips::overall, Comparator.comparing(DomainSummary::overall));
        table.getColumns().add(name);
        table.getColumns().add(status);
        for (RecordKind k :
                new RecordKind[] {RecordKind.DKIM, RecordKind.SPF, RecordKind.DMARC, RecordKind.RETURN_PATH}) {
            table.getColumns()
                    .add(chipColumn(
                            k.label(),
                            116,
                            d -> StatusChips.of(d.statusOf(k)),
                            Comparator.comparing(d -> StatusChips.label(d.statusOf(k)))));
        }
        table.getColumns()
                .add(chipColumn(
                        "Blocklists", 116, StatusChips::blocklists, Comparator.comparing(DomainSummary::listed)));
        TableColumn<DomainSummary, Optional<Instant>> checked = new TableColumn<>("Checked");
        checked.setCellValueFactory(
                cd -> new ReadOnlyObjectWrapper<>(cd.getValue().lastChecked()));
        checked.setComparator(Comparator.comparing(o -> o.orElse(Instant.EPOCH)));
        checked.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Optional<Instant> at, boolean empty) {
                super.updateItem(at, empty);
                if (empty || at == null) {
                    setText(null);
                    setTooltip(null);
                } else {
                    setText(at.map(i ->
                                    Formats.ago(i, session.services().clock().instant()))
                            .orElse("never"));
                    setTooltip(at.map(i -> new Tooltip(Formats.exact(i))).orElse(null));
                }
            }
        });
        checked.setPrefWidth(90);
        table.getColumns().add(checked);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        SortedList<DomainSummary> sorted = new SortedList<>(shown);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        Tables.placeholder(table, vm.loading(), emptyState());
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, d) -> vm.selected().set(d));
        vm.selected().addListener((o, was, d) -> {
            if (d != null && table.getSelectionModel().getSelectedItem() != d) {
                table.getSelectionModel().select(d);
            }
        });
    }

    private TableColumn<DomainSummary, DomainSummary> chipColumn(
            String title, double width, Function<DomainSummary, Chip> chip, Comparator<DomainSummary> order) {
        TableColumn<DomainSummary, DomainSummary> col = new TableColumn<>(title);
        col.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        col.setComparator(order);
        col.setPrefWidth(width);
        col.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(DomainSummary d, boolean empty) {
                super.updateItem(d, empty);
                setText(null);
                Chip c = empty || d == null ? null : chip.apply(d);
                if (c != null) {
                    c.setMinWidth(Region.USE_PREF_SIZE); // a chip's word is never cut
                }
                setGraphic(c);
            }
        });
        return col;
    }

    private Node emptyState() {
        Label text = new Label("No sending domains yet. A domain lets this client send as itself.");
        text.setWrapText(true);
        text.setId("domains-empty");
        Button addHere = new Button("+ Add domain");
        addHere.setId("add-domain-empty");
        addHere.getStyleClass().add("accent");
        addHere.setOnAction(e -> newItem());
        addHere.visibleProperty().bind(add.visibleProperty());
        VBox box = new VBox(10, text, addHere);
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(440);
        return box;
    }

    private void applyFilter() {
        String q = filter.getText() == null ? "" : filter.getText().strip().toLowerCase(Locale.ROOT);
        shown.setPredicate(d -> q.isEmpty()
                || d.domain().name().unicode().toLowerCase(Locale.ROOT).contains(q)
                || d.domain().name().ascii().contains(q));
        updateCount();
    }

    private void updateCount() {
        count.setText(shown.size() == 1 ? "1 domain" : shown.size() + " domains");
    }

    private void updateActions() {
        boolean manage = vm.canManage();
        add.setVisible(manage);
        add.setManaged(manage);
        importFrom.setVisible(manage);
        importFrom.setManaged(manage);
        boolean viewAnywhere = session.access().mayAnywhere(Permission.DOMAINS_VIEW);
        checkAll.setVisible(viewAnywhere && session.access().mayAnywhere(Permission.DOMAINS_MANAGE));
        checkAll.setManaged(checkAll.isVisible());
        readOnly.setText(vm.readOnlyReason());
        readOnly.setVisible(!manage);
        readOnly.setManaged(!manage);
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void refresh() {
        updateActions();
        vm.load();
    }

    @Override
    public void newItem() {
        if (!vm.canManage() || wizard != null || vm.tenant().isEmpty()) {
            return;
        }
        DomainWizardViewModel wvm =
                new DomainWizardViewModel(vm.uses(), runner, vm.tenant().get(), vm.preferences());
        wizard = new DomainWizardView(wvm, shell::window, added -> {
            closeWizard();
            vm.load();
            added.ifPresent(d -> vm.notice().set(d.name().unicode() + " was added."));
        });
        root.getChildren().setAll(wizard.root());
        wizard.focus();
    }

    private void closeWizard() {
        if (wizard != null) {
            wizard = null;
            root.getChildren().setAll(listView);
        }
    }

    @Override
    public void focusFilter() {
        if (wizard == null) {
            filter.requestFocus();
        }
    }

    DomainsViewModel viewModel() {
        return vm;
    }
}
