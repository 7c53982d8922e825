package dev.mailroom.app.overview;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.app.tenants.TenantColumns;
import dev.mailroom.model.domains.DnsHealth;
import dev.mailroom.model.tenants.DriftFinding;
import dev.mailroom.model.tenants.Tenant;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Agency › Overview: every tenant the person may see, in one sortable table. */
public final class OverviewPage implements Page {
    private final Session session;
    private final BackgroundRunner runner;
    private final Shell shell;
    private final javafx.collections.ObservableMap<dev.mailroom.model.common.TenantId, java.util.List<DriftFinding>>
            drift = javafx.collections.FXCollections.observableHashMap();
    private final VBox root = new VBox(12);
    private final TableView<Tenant> table = new TableView<>();
    private final javafx.collections.ObservableMap<
                    dev.mailroom.model.common.TenantId, dev.mailroom.model.activity.TenantHealth>
            health = javafx.collections.FXCollections.observableHashMap();
    private final javafx.collections.ObservableMap<
                    dev.mailroom.model.common.TenantId, dev.mailroom.model.sending.SendingLimitService.Limits>
            limits = javafx.collections.FXCollections.observableHashMap();
    private final HealthColumns healthColumns;
    private final javafx.collections.ObservableMap<dev.mailroom.model.common.TenantId, DnsHealth> dns =
            javafx.collections.FXCollections.observableHashMap();
    private final javafx.scene.control.ToggleButton needsAttention =
            new javafx.scene.control.ToggleButton("Needs attention", Icons.warning());
    private final javafx.scene.control.ToggleButton onboardingIncomplete =
            new javafx.scene.control.ToggleButton("Onboarding incomplete", Icons.verify());
    private final javafx.collections.ObservableMap<
                    dev.mailroom.model.common.TenantId, dev.mailroom.model.onboarding.Checklist.Progress>
            onboarding = javafx.collections.FXCollections.observableHashMap();
    private final javafx.collections.ObservableMap<
                    dev.mailroom.model.common.TenantId, dev.mailroom.model.onboarding.EscalationService.Standing>
            standing = javafx.collections.FXCollections.observableHashMap();

    public OverviewPage(Session session, BackgroundRunner runner, Shell shell) {
        this.session = session;
        this.runner = runner;
        this.shell = shell;
        this.healthColumns = new HealthColumns(
                health, limits, t -> session.access().may(t, dev.mailroom.model.access.Permission.ANALYTICS_VIEW));
        table.setId("overview-table");
        table.getColumns().add(TenantColumns.name());
        table.getColumns().add(TenantColumns.status(session.services().clock()));
        // Escalation and onboarding beside the name: what an account manager acts on first.
        table.getColumns().add(escalationColumn());
        table.getColumns().add(onboardingColumn());
        table.getColumns().addAll(healthColumns.columns());
        // Warm-up and Probation beside the rates, before the flags: visible without scrolling at 1280 wide.
        table.getColumns()
                .addAll(
                        table.getColumns()
                                .indexOf(table.getColumns().stream()
                                        .filter(c -> "health-flags".equals(c.getId()))
                                        .findFirst()
                                        .orElseThrow()),
                        healthColumns.limitColumns());
        table.getColumns().add(dnsColumn());
        table.getColumns().add(TenantColumns.text("Contact", Tenant::contactName, 170));
        table.getColumns()
                .add(TenantColumns.text("Infrastructure", t -> t.ownership().label(), 140));
        table.getColumns()
                .add(TenantColumns.text("Partner access", t -> t.partnerAccess().label(), 240));
        table.getColumns().add(accessColumn());
        table.getColumns().add(TenantColumns.created(session.services().clock()));
        // Unconstrained: should the health columns not fit (a narrow window), a scroll bar reaches DNS and Access
        // instead of the constrained policy hiding them past the edge.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        // Health first, every health column (up to DNS) visible at 1280 wide: status (archived tenants show it in the
        // Tenants
        // list), contact, infrastructure and created start hidden here; the table menu brings them back.
        table.getColumns().stream()
                .filter(c -> java.util.Set.of("Status", "Contact", "Infrastructure", "Partner access", "Created")
                        .contains(c.getText()))
                .forEach(c -> c.setVisible(false));
        // Every column up to Access fits at 1280×800 (the navigation beside it): a long name is cut, whole in the
        // switcher and the Tenants list.
        table.getColumns().get(0).setMinWidth(160);
        table.getColumns().get(0).setPrefWidth(160);
        table.getColumns().get(1).setMinWidth(85);
        table.getColumns().get(1).setPrefWidth(85);
        table.setTableMenuButtonVisible(true);
        // "Needs attention" keeps only tenants with a health flag.
        javafx.collections.transformation.FilteredList<Tenant> shown =
                new javafx.collections.transformation.FilteredList<>(session.tenants());
        Runnable filter = () -> shown.setPredicate(t -> (!needsAttention.isSelected()
                        || healthColumns.of(t).needsAttention()
                        || dnsNeedsAttention(t)
                        || escalationNeedsAttention(t))
                && (!onboardingIncomplete.isSelected() || onboardingIncomplete(t)));
        needsAttention.setId("needs-attention");
        needsAttention.setOnAction(e -> filter.run());
        onboardingIncomplete.setId("onboarding-incomplete");
        onboardingIncomplete.setOnAction(e -> filter.run());
        onboarding.addListener((javafx.collections.MapChangeListener<Object, Object>) ch -> {
            filter.run();
            table.refresh();
        });
        standing.addListener((javafx.collections.MapChangeListener<Object, Object>) ch -> {
            filter.run();
            table.refresh();
        });
        health.addListener((javafx.collections.MapChangeListener<Object, Object>) ch -> {
            filter.run();
            table.refresh();
        });
        dns.addListener((javafx.collections.MapChangeListener<Object, Object>) ch -> {
            filter.run();
            table.refresh();
        });
        limits.addListener((javafx.collections.MapChangeListener<Object, Object>) ch -> table.refresh());
        SortedList<Tenant> sorted = new SortedList<>(shown);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        TenantColumns.openOnActivate(table, shell);
        VBox.setVgrow(table, Priority.ALWAYS);

        Label empty = new Label(
                session.isAgencyOwner()
                        ? "No tenants yet. Add your first client under Tenants."
                        : "You have no role in any tenant yet. Ask your agency's owner for access.");
        empty.setWrapText(true);
        VBox emptyBox = new VBox(8, empty);
        emptyBox.setAlignment(Pos.CENTER);
        table.setPlaceholder(emptyBox);

        Button refresh = new Button("Refresh", Icons.refresh());
        refresh.setOnAction(e -> refresh());
        root.getChildren()
                .setAll(
                        PageHeader.of(
                                "Overview",
                                "Every client at a glance. Double-click one to open it.",
                                needsAttention,
                                onboardingIncomplete,
                                refresh),
                        table);
        root.getStyleClass().add("page");
    }

    private boolean escalationNeedsAttention(Tenant t) {
        var s = standing.get(t.id());
        return s != null && s.needsAttention();
    }

    private boolean onboardingIncomplete(Tenant t) {
        var p = onboarding.get(t.id());
        return !t.isArchived() && p != null && !p.complete();
    }

    /** Restricted, suspended, paused or banned, or a pause warning, with the figures in the tooltip. */
    private TableColumn<Tenant, Tenant> escalationColumn() {
        TableColumn<Tenant, Tenant> c = new TableColumn<>("Escalation");
        c.setId("overview-escalation");
        c.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setSortable(false);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Tenant t, boolean empty) {
                super.updateItem(t, empty);
                var s = empty || t == null ? null : standing.get(t.id());
                if (s == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                var g = s.governance();
                Chip chip;
                if (g.level().isPresent()) {
                    chip = switch (g.level().get()) {
                        case RESTRICTED ->
                            new Chip(Formats.count(g.dailyCap().orElse(0)) + "/day cap", Chip.Tone.WARNING);
                        case SUSPENDED -> new Chip(g.automatic() ? "Paused" : "Suspended", Chip.Tone.DANGER);
                        case BANNED -> new Chip("Banned", Chip.Tone.DANGER);
                    };
                } else if (s.finding().isPresent()) {
                    chip = new Chip("Pause warning", Chip.Tone.WARNING);
                } else {
                    chip = null; // nothing in force and nothing crossed: the figures are in the tooltip
                }
                setGraphic(chip);
                setTooltip(new Tooltip((s.flag().isEmpty() ? "Nothing in force." : s.flag()) + "\n"
                        + s.figures().describe() + "\nPause policy: "
                        + g.pausePolicy().label() + "."));
            }
        });
        c.setPrefWidth(150);
        c.setMinWidth(120);
        return c;
    }

    /** The onboarding checklist's progress, "9 of 14". */
    private TableColumn<Tenant, Tenant> onboardingColumn() {
        TableColumn<Tenant, Tenant> c = new TableColumn<>("Onboarding");
        c.setId("overview-onboarding");
        c.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setSortable(false);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Tenant t, boolean empty) {
                super.updateItem(t, empty);
                var p = empty || t == null ? null : onboarding.get(t.id());
                if (p == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                setGraphic(new Chip(
                        p.complete() ? "Complete" : p.describe(),
                        p.complete() ? Chip.Tone.SUCCESS : Chip.Tone.WARNING));
                setTooltip(new Tooltip(p.describe() + " checklist items done. See Onboarding."));
            }
        });
        c.setPrefWidth(110);
        c.setMinWidth(100);
        return c;
    }

    private boolean dnsNeedsAttention(Tenant t) {
        DnsHealth h = dns.get(t.id());
        return h != null && (h.broke() > 0 || h.listed() > 0);
    }

    /** The latest DNS checks of the tenant's sending domains: broken records and blocklist listings stand out. */
    private TableColumn<Tenant, Tenant> dnsColumn() {
        TableColumn<Tenant, Tenant> c = new TableColumn<>("DNS");
        c.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setSortable(false);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Tenant t, boolean empty) {
                super.updateItem(t, empty);
                DnsHealth h = empty || t == null ? null : dns.get(t.id());
                setText(null);
                if (h == null
                        && t != null
                        && !empty
                        && !session.access().may(t.id(), dev.mailroom.model.access.Permission.DOMAINS_VIEW)) {
                    setGraphic(null);
                    setText(HealthColumns.HIDDEN);
                    setTooltip(new Tooltip(
                            "Your role in " + t.name() + " does not include domains, so its DNS is not shown to you."));
                    return;
                }
                if (h == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                Chip chip;
                if (h.listed() > 0) {
                    chip = new Chip("Listed", Chip.Tone.DANGER);
                } else if (h.broke() > 0) {
                    chip = new Chip(h.broke() == 1 ? "1 broke" : h.broke() + " broke", Chip.Tone.DANGER);
                } else if (!h.checked()) {
                    chip = new Chip("Not checked", Chip.Tone.NEUTRAL);
                } else if (h.problems() > 0) {
                    chip = new Chip(h.problems() + " to fix", Chip.Tone.WARNING);
                } else {
                    chip = new Chip("OK", Chip.Tone.SUCCESS);
                }
                setGraphic(chip);
                setTooltip(new Tooltip(h.domains() + (h.domains() == 1 ? " sending domain; " : " sending domains; ")
                        + h.problems() + " of " + h.checkedRecords() + " records not as expected"
                        + (h.broke() > 0 ? ", " + h.broke() + " broke since the check before" : "")
                        + (h.listed() > 0 ? "; listed on " + h.listed() + " blocklist(s)" : "") + ". See Domains."));
            }
        });
        c.setPrefWidth(116);
        c.setMinWidth(116);
        return c;
    }

    /** Drift between the declared partner-access pattern and the actual role holders, as a chip. */
    private TableColumn<Tenant, Tenant> accessColumn() {
        TableColumn<Tenant, Tenant> c = new TableColumn<>("Access");
        c.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setSortable(false);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Tenant t, boolean empty) {
                super.updateItem(t, empty);
                if (empty || t == null || t.isArchived() || !drift.containsKey(t.id())) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                var findings = drift.get(t.id());
                setGraphic(
                        findings.isEmpty()
                                ? new Chip("OK", Chip.Tone.SUCCESS)
                                : new Chip(
                                        findings.size() == 1 ? "Drift" : findings.size() + " drifts",
                                        Chip.Tone.WARNING));
                setTooltip(
                        findings.isEmpty()
                                ? null
                                : new Tooltip(findings.stream()
                                        .map(DriftFinding::message)
                                        .collect(java.util.stream.Collectors.joining("\n"))));
            }
        });
        c.setPrefWidth(84);
        c.setMinWidth(80);
        drift.addListener((javafx.collections.MapChangeListener<Object, Object>) ch -> table.refresh());
        return c;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void refresh() {
        shell.reloadTenants();
        runner.run(Task.of(
                "Checking partner access",
                p -> session.services().tenants().driftOfVisibleTenants(session.actor()),
                found -> {
                    drift.clear();
                    drift.putAll(found);
                },
                e -> Dialogs.showError(shell.window(), "Could not check partner access", e)));
        runner.run(Task.of(
                "Reading DNS health",
                p -> session.services().domains().dnsHealthOfVisibleTenants(session.actor()),
                found -> {
                    dns.clear();
                    dns.putAll(found);
                },
                e -> Dialogs.showError(shell.window(), "Could not read DNS health", e)));
        runner.run(Task.of(
                "Reading sending limits",
                p -> session.services().limits().limitsOfVisibleTenants(session.actor()),
                found -> {
                    limits.clear();
                    limits.putAll(found);
                },
                e -> Dialogs.showError(shell.window(), "Could not read sending limits", e)));
        runner.run(Task.of(
                "Reading onboarding progress",
                p -> session.services().onboarding().progressOfVisibleTenants(session.actor()),
                found -> {
                    onboarding.clear();
                    onboarding.putAll(found);
                },
                e -> Dialogs.showError(shell.window(), "Could not read onboarding progress", e)));
        runner.run(Task.of(
                "Reading escalations",
                p -> session.services().escalation().standingOfVisibleTenants(session.actor()),
                found -> {
                    standing.clear();
                    standing.putAll(found);
                },
                e -> Dialogs.showError(shell.window(), "Could not read escalations", e)));
        runner.run(Task.of(
                "Reading client health",
                p -> session.services().analytics().overview(session.actor()),
                found -> {
                    health.clear();
                    health.putAll(found);
                },
                e -> Dialogs.showError(shell.window(), "Could not read client health", e)));
    }
}
