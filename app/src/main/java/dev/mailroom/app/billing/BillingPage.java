package dev.mailroom.app.billing;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.Converters;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.common.Tables;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.billing.BillableEvent;
import dev.mailroom.model.billing.Invoice;
import dev.mailroom.model.billing.InvoiceLine;
import dev.mailroom.model.billing.InvoiceStatus;
import dev.mailroom.model.billing.PricePlan;
import dev.mailroom.model.billing.Pricing;
import dev.mailroom.model.billing.TenantOverrides;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.tenants.Tenant;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Agency › Billing (Owner, Admin and Finance see it; changes are the Owner's): the month's run (preview,
 * issue with progress and cancel), the invoices with their lines, CSV export, invoice and client-report
 * PDFs, and the price plans with their assignment to clients.
 */
public final class BillingPage implements Page {
    private final Session session;
    private final Shell shell;
    private final BillingViewModel vm;
    private final VBox root = new VBox(12);
    private final TableView<Invoice> table = new TableView<>();
    private final TableView<InvoiceLine> lines = new TableView<>();
    private final TableView<PricePlan> planTable = new TableView<>();
    private final Label status = new Label();
    private final Label totals = new Label();

    public BillingPage(Session session, BackgroundRunner runner, Shell shell) {
        this.session = session;
        this.shell = shell;
        this.vm = new BillingViewModel(
                session.services().billing(),
                session.services().clientReports(),
                session.services().connections(),
                runner,
                session.actor());
        vm.loadReportSender(e -> {}); // decides whether the batch offers e-mail; a role without reports sees none

        TabPane tabs = new TabPane(new Tab("Invoices", invoicesTab()), new Tab("Price plans", plansTab()));
        if (session.access().mayAnywhere(Permission.BILLING_MANAGE)) {
            Tab margin = new Tab("Margin", marginTab());
            margin.setOnSelectionChanged(e -> {
                if (margin.isSelected()) {
                    vm.loadMargin(this::error);
                }
            });
            tabs.getTabs().add(margin);
        }
        if (session.isAgencyOwner()) {
            // Only the agency's owner may change what every invoice says about the agency.
            tabs.getTabs().add(new Tab("Invoice settings", settingsTab()));
        }
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("billing-tabs");
        VBox.setVgrow(tabs, Priority.ALWAYS);
        Button issue = new Button("_Issue invoices…", Icons.add());
        issue.setId("billing-issue");
        issue.getStyleClass().add("accent");
        issue.disableProperty().bind(vm.busy().or(vm.month().isNull()));
        issue.setOnAction(e -> issueAll());
        issue.setVisible(session.access().mayAnywhere(Permission.BILLING_MANAGE));
        root.getChildren()
                .setAll(
                        PageHeader.of(
                                "Billing",
                                "Price plans, the monthly invoice run, and the reports you send each client.",
                                issue),
                        tabs);
        root.getStyleClass().add("page");
        root.setId("billing-page");
        status.textProperty().bind(vm.status());
        status.setWrapText(true);
        status.setId("billing-status");
    }

    private Node invoicesTab() {
        ComboBox<YearMonth> month = new ComboBox<>();
        month.setId("billing-month");
        YearMonth now = YearMonth.now(session.services().clock());
        for (int i = 0; i < 24; i++) {
            month.getItems().add(now.minusMonths(i));
        }
        month.valueProperty().bindBidirectional(vm.month());
        month.setOnAction(e -> refresh());
        Button preview = new Button("_Preview run");
        preview.setId("billing-preview");
        preview.disableProperty().bind(vm.busy());
        preview.setOnAction(e -> vm.preview(this::error));
        Button csv = new Button("Export _CSV…", Icons.export());
        csv.setId("billing-export-csv");
        csv.disableProperty().bind(vm.busy());
        csv.setOnAction(e -> exportCsv());
        Label previewBadge = new Label("Preview — nothing saved");
        previewBadge.getStyleClass().addAll("chip", "chip-warning");
        previewBadge.visibleProperty().bind(vm.previewing());
        previewBadge.managedProperty().bind(vm.previewing());
        HBox bar = new HBox(10, new Label("Month"), month, preview, csv, previewBadge);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        table.setId("billing-invoices");
        table.setItems(vm.invoices());
        table.getColumns()
                .setAll(List.of(
                        Tables.text("Number", Invoice::displayNumber, 110),
                        Tables.text("Client", Invoice::tenantName, 200),
                        Tables.text("Kind", i -> i.kind().label(), 100),
                        Tables.text("Status", i -> i.status().label(), 90),
                        Tables.text("Plan", Invoice::planName, 180),
                        Tables.text("Counted", i -> String.format(Locale.ROOT, "%,d", i.volume()), 90),
                        Tables.text("Total", BillingPage::money, 120)));
        // The client's name takes the room left at the right.
        Tables.fill(table, table.getColumns().get(1));
        Tables.placeholder(
                table,
                vm.busy(),
                Tables.emptyState(
                        "No invoices for this month",
                        "Preview the run to see what each client would be billed, then issue the invoices. Clients need a price plan first (Price plans tab)."));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now2) -> {
            vm.selected().set(now2);
            lines.getItems().setAll(now2 == null ? List.of() : now2.lines());
            totals.setText(
                    now2 == null
                            ? ""
                            : "Subtotal " + amount(now2, now2.subtotal()) + " · tax " + amount(now2, now2.tax())
                                    + " · total " + money(now2) + ". " + now2.roundingRule());
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        lines.setId("billing-lines");
        lines.getColumns()
                .setAll(List.of(
                        Tables.text("#", l -> String.valueOf(l.number()), 40),
                        Tables.text("Description", InvoiceLine::description, 420),
                        Tables.text("Quantity", l -> l.quantity().toPlainString(), 90),
                        Tables.text("Unit price", l -> l.unitPrice().toPlainString() + " " + l.unit(), 140),
                        Tables.text("Amount", l -> l.amount().toPlainString(), 100)));
        Tables.fill(lines, lines.getColumns().get(1));
        lines.setPlaceholder(new Label("Select an invoice to see its lines."));
        lines.setPrefHeight(170);
        totals.setWrapText(true);
        totals.getStyleClass().add("text-muted");

        Button paid = new Button("Mark _paid");
        paid.setId("billing-mark-paid");
        paid.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> vm.busy().get()
                                || vm.selected().get() == null
                                || vm.selected().get().status() != InvoiceStatus.ISSUED
                                || vm.selected().get().kind() != dev.mailroom.model.billing.InvoiceKind.INVOICE,
                        vm.selected(),
                        vm.busy()));
        paid.setOnAction(e -> vm.markPaid(vm.selected().get(), this::error));
        Button voidIt = new Button("_Void…");
        voidIt.setId("billing-void");
        voidIt.getStyleClass().add("danger");
        voidIt.disableProperty().bind(paid.disableProperty());
        voidIt.setOnAction(e -> voidSelected());
        Button credit = new Button("_Credit note…");
        credit.setId("billing-credit-note");
        credit.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> vm.busy().get()
                                || vm.selected().get() == null
                                || vm.selected().get().kind() != dev.mailroom.model.billing.InvoiceKind.INVOICE
                                || (vm.selected().get().status() != InvoiceStatus.ISSUED
                                        && vm.selected().get().status() != InvoiceStatus.PAID),
                        vm.selected(),
                        vm.busy()));
        credit.setVisible(session.access().mayAnywhere(Permission.BILLING_MANAGE));
        credit.setOnAction(e -> creditSelected());
        Button pdf = new Button("Save invoice _PDF…");
        pdf.setId("billing-invoice-pdf");
        pdf.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> vm.busy().get()
                                || vm.selected().get() == null
                                || vm.selected().get().id().isEmpty(),
                        vm.selected(),
                        vm.busy()));
        pdf.setOnAction(e -> saveInvoicePdf());
        Button report = new Button("Client _report PDF…");
        report.setId("billing-client-report");
        report.disableProperty().bind(vm.busy().or(vm.selected().isNull()));
        report.setOnAction(e -> saveReport());
        Button allReports = new Button("All client reports…", Icons.export());
        allReports.setId("billing-all-reports");
        allReports.setTooltip(new javafx.scene.control.Tooltip(
                "Saves this month's report of every active client into a folder, one PDF each"));
        allReports.disableProperty().bind(vm.busy());
        allReports.setOnAction(e -> saveAllReports());
        Button emailReport = new Button("_E-mail report…");
        emailReport.setId("billing-email-report");
        emailReport.setTooltip(new javafx.scene.control.Tooltip(
                "Sends the selected client's report for the month to its contact, through the connection chosen"
                        + " in Invoice settings"));
        emailReport.disableProperty().bind(vm.busy().or(vm.selected().isNull()));
        emailReport.setOnAction(e -> emailReport());
        HBox actions = new HBox(10, paid, voidIt, credit, pdf, report, emailReport, allReports);

        VBox box = new VBox(10, bar, status, table, actions, lines, totals);
        box.setPadding(new Insets(10, 0, 0, 0));
        return box;
    }

    private Node plansTab() {
        planTable.setId("billing-plans");
        planTable.setItems(vm.plans());
        planTable
                .getColumns()
                .setAll(List.of(
                        Tables.text("Plan", PricePlan::name, 180),
                        Tables.text("Pricing", p -> describe(p.latest().terms().pricing()), 200),
                        Tables.text(
                                "Currency", p -> p.latest().terms().currency().getCurrencyCode(), 90),
                        Tables.text(
                                "Setup fee", p -> p.latest().terms().setupFee().toPlainString(), 100),
                        Tables.text(
                                "Retainer",
                                p -> p.latest().terms().monthlyRetainer().toPlainString(),
                                100),
                        Tables.text(
                                "Tax %",
                                p -> p.latest().terms().taxRatePercent().toPlainString(), 70),
                        Tables.text(
                                "Versions",
                                p -> p.versions().stream()
                                        .map(v -> v.effectiveFrom().toString())
                                        .reduce((a, b) -> a + ", " + b)
                                        .orElse(""),
                                160)));
        Tables.fill(planTable, planTable.getColumns().get(0));
        planTable.setPrefHeight(180);
        Tables.placeholder(
                planTable,
                vm.busy(),
                Tables.emptyState("No price plans yet", "Create a plan below, then assign it to clients."));

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(6);
        TextField name = field("plan-name", vm.planName());
        TextField currency = field("plan-currency", vm.currency());
        ComboBox<String> pricing = new ComboBox<>();
        pricing.setId("plan-pricing");
        pricing.getItems().setAll(BillingViewModel.PRICING_CHOICES);
        pricing.valueProperty().bindBidirectional(vm.pricing());
        TextArea rows = new TextArea();
        rows.setId("plan-table");
        rows.textProperty().bindBidirectional(vm.table());
        rows.setPrefRowCount(8);
        rows.setPrefColumnCount(18);
        ComboBox<BillableEvent> billable = new ComboBox<>();
        billable.getItems().setAll(BillableEvent.values());
        billable.valueProperty().bindBidirectional(vm.billable());
        ComboBox<YearMonth> from = new ComboBox<>();
        from.setId("plan-from");
        YearMonth now = YearMonth.now(session.services().clock());
        for (int i = 0; i < 13; i++) {
            from.getItems().add(now.plusMonths(i));
        }
        from.valueProperty().bindBidirectional(vm.effectiveFrom());
        int r = 0;
        r = row(form, r, "Name", name, "name");
        r = row(form, r, "Currency (ISO 4217)", currency, "currency");
        r = row(form, r, "Pricing", pricing, "pricing");
        r = row(
                form,
                r,
                "Table: up-to and price per row (\"*\" = and more; steps: emails and monthly price)",
                rows,
                "tiers");
        r = row(form, r, "Committed emails (steps)", field("plan-committed", vm.committed()), "committed");
        r = row(form, r, "Overage per 1,000 (steps)", field("plan-overage", vm.overage()), "overage");
        r = row(form, r, "Setup fee (once)", field("plan-setup", vm.setupFee()), "setupFee");
        r = row(form, r, "Monthly retainer", field("plan-retainer", vm.retainer()), "retainer");
        r = row(form, r, "Tax rate %", field("plan-tax", vm.taxRate()), "taxRate");
        r = row(form, r, "Bills", billable, "billable");
        r = row(form, r, "In force from", from, "from");
        Button save = new Button("_Save plan");
        save.setId("plan-save");
        // Plans are agency-wide: only the agency owner changes them (the use case checks too).
        boolean owner = session.isAgencyOwner();
        save.disableProperty().bind(vm.busy().or(Bindings.createBooleanBinding(() -> !owner)));
        save.setOnAction(e -> vm.savePlan(p -> {}, this::error));
        form.add(save, 1, r);

        // Assignment: a client, a plan, and optional overrides, from the form's month on.
        ComboBox<Tenant> client = new ComboBox<>(
                session.tenants().filtered(t -> session.access().may(t.id(), Permission.BILLING_MANAGE)));
        client.setId("assign-tenant");
        client.setPromptText("Client");
        client.setConverter(dev.mailroom.app.common.Converters.labelled(Tenant::name));
        // A long client name is cut inside the box, not the fields and the Assign button after it.
        client.setPrefWidth(260);
        client.setMaxWidth(260);
        ComboBox<PricePlan> plan = new ComboBox<>(vm.plans());
        plan.setId("assign-plan");
        plan.setPromptText("Plan");
        plan.setConverter(dev.mailroom.app.common.Converters.labelled(PricePlan::name));
        TextField setup = new TextField();
        setup.setPromptText("setup fee (plan's)");
        TextField retainer = new TextField();
        retainer.setPromptText("retainer (plan's)");
        setup.setPrefColumnCount(11); // the prompts whole
        retainer.setPrefColumnCount(11);
        Button assign = new Button("_Assign");
        assign.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        assign.setId("assign-save");
        assign.disableProperty()
                .bind(vm.busy()
                        .or(client.valueProperty().isNull())
                        .or(plan.valueProperty().isNull()));
        assign.setOnAction(e -> {
            try {
                vm.assign(
                        client.getValue().id(),
                        plan.getValue().id(),
                        new TenantOverrides(optional(setup.getText()), optional(retainer.getText()), Optional.empty()),
                        () -> {},
                        this::error);
            } catch (NumberFormatException ex) {
                error(new dev.mailroom.model.common.InvalidInput(
                        "override", "Overrides are numbers, such as 30 or 49.99."));
            }
        });
        HBox assignBar = new HBox(8, client, plan, setup, retainer, assign);
        assignBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        Label formTitle = new Label("New plan");
        formTitle.getStyleClass().add("title-4");
        Label assignTitle = new Label("Assign a plan to a client (from the month chosen above)");
        assignTitle.getStyleClass().add("title-4");
        VBox box = new VBox(10, planTable, assignTitle, assignBar, formTitle, form);
        box.setPadding(new Insets(10, 0, 0, 0));
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static Optional<BigDecimal> optional(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(new BigDecimal(text.strip()));
    }

    private Node settingsTab() {
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(6);
        int r = 0;
        r = row(
                form,
                r,
                "Months counted in (time zone)",
                field("settings-zone", vm.zone()),
                "zone",
                vm.settingsErrors());
        r = row(
                form,
                r,
                "Invoice number prefix",
                field("settings-prefix", vm.invoicePrefix()),
                "invoicePrefix",
                vm.settingsErrors());
        r = row(
                form,
                r,
                "Agency name on invoices",
                field("settings-issuer", vm.issuerName()),
                "issuerName",
                vm.settingsErrors());
        TextArea details = new TextArea();
        details.setId("settings-details");
        details.setPrefRowCount(4);
        details.setPrefColumnCount(30);
        details.setPromptText("Address, tax number, bank details…");
        details.textProperty().bindBidirectional(vm.issuerDetails());
        r = row(form, r, "Agency details", details, "issuerDetails", vm.settingsErrors());
        r = row(
                form,
                r,
                "Accent colour (#RRGGBB)",
                field("settings-accent", vm.accentColor()),
                "accentColor",
                vm.settingsErrors());
        Button save = new Button("_Save settings");
        save.setId("settings-save");
        save.getStyleClass().add("accent");
        save.setDefaultButton(false);
        save.disableProperty().bind(vm.busy());
        save.setOnAction(e -> vm.saveSettings(() -> {}, this::error));
        form.add(save, 1, r);
        Label note = new Label(
                "Invoices already issued keep what they said; these apply to the next ones and to client reports.");
        note.getStyleClass().add("text-muted");
        note.setWrapText(true);
        VBox box = new VBox(10, note, form, reportSenderForm());
        box.setPadding(new Insets(10, 0, 0, 0));
        vm.loadSettings(this::error);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    /**
     * Client reports by e-mail: the agency picks the client whose connection sends them (often the agency
     * itself, set up as a client) and the From address at one of its verified domains.
     */
    private Node reportSenderForm() {
        Label title = new Label("Client reports by e-mail");
        title.getStyleClass().add("title-4");
        Label hint = new Label("Reports go to each client's contact through this connection. Set the agency up as a"
                + " client with its own domain and connection to send them in its own name.");
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(6);
        ComboBox<TenantId> client = new ComboBox<>();
        client.setId("report-sender-client");
        client.setPromptText("Not e-mailed");
        client.getItems().add(null);
        session.tenants().stream()
                .filter(t -> !t.isArchived())
                .forEach(t -> client.getItems().add(t.id()));
        client.setConverter(Converters.labelled(id -> session.tenants().stream()
                .filter(t -> t.id().equals(id))
                .map(Tenant::name)
                .findFirst()
                .orElse("Not e-mailed")));
        client.valueProperty().bindBidirectional(vm.reportTenant());
        ComboBox<Connection> connection = new ComboBox<>(vm.reportConnections());
        connection.setId("report-sender-connection");
        connection.setConverter(Converters.labelled(Connection::name));
        connection.valueProperty().bindBidirectional(vm.reportConnection());
        connection.disableProperty().bind(vm.reportTenant().isNull());
        TextField from = field("report-sender-from", vm.reportFrom());
        from.setPromptText("reports@youragency.com");
        from.disableProperty().bind(vm.reportTenant().isNull());
        TextField fromName = field("report-sender-name", vm.reportFromName());
        fromName.setPromptText("the agency's name on invoices");
        fromName.disableProperty().bind(vm.reportTenant().isNull());
        int r = 0;
        r = row(form, r, "Sent through the client", client, "reportTenant", vm.settingsErrors());
        r = row(form, r, "Connection", connection, "reportConnection", vm.settingsErrors());
        r = row(form, r, "From address", from, "reportFrom", vm.settingsErrors());
        r = row(form, r, "From name", fromName, "reportFromName", vm.settingsErrors());
        Button save = new Button("Save e-_mail settings");
        save.setId("report-sender-save");
        save.disableProperty().bind(vm.busy());
        save.setOnAction(e -> vm.saveReportSender(() -> {}, this::error));
        form.add(save, 1, r);
        VBox box = new VBox(8, title, hint, form);
        box.setPadding(new Insets(16, 0, 0, 0));
        box.setVisible(session.isAgencyOwner());
        box.setManaged(box.isVisible());
        return box;
    }

    private Node marginTab() {
        TableView<dev.mailroom.model.billing.TenantMargin> margins = new TableView<>(vm.margins());
        margins.setId("billing-margin");
        margins.getColumns()
                .setAll(List.of(
                        Tables.text("Client", dev.mailroom.model.billing.TenantMargin::tenantName, 200),
                        Tables.text("Emails", m -> String.format(Locale.ROOT, "%,d", m.volume()), 100),
                        Tables.text(
                                "Billed",
                                m -> m.billed().toPlainString() + " "
                                        + m.currency().getCurrencyCode(),
                                130),
                        Tables.text(
                                "Cost",
                                m -> m.cost().map(BigDecimal::toPlainString).orElse("—"),
                                110),
                        Tables.text(
                                "Margin",
                                m -> m.margin().map(BigDecimal::toPlainString).orElse(m.why()),
                                220)));
        // The margin, or why there is none, takes the room left.
        Tables.fill(margins, margins.getColumns().get(4));
        margins.setPlaceholder(new Label("No issued invoices for this month."));
        margins.setPrefHeight(240);
        margins.getSelectionModel().selectedItemProperty().addListener((o, was, m) -> {
            if (m != null) {
                vm.editCost(m.tenant(), this::error);
            }
        });
        Label totals = new Label();
        totals.setId("billing-margin-totals");
        totals.setWrapText(true);
        totals.textProperty().bind(vm.marginTotals());
        Label pooled = new Label();
        pooled.setId("billing-pooled");
        pooled.setWrapText(true);
        pooled.textProperty().bind(vm.pooled());
        Label help =
                new Label("Billed is the month's invoices and credit notes before tax; cost is what you pay for the"
                        + " client's sending (its provider plan or relay). Choose a client to set its cost.");
        help.getStyleClass().add("text-muted");
        help.setWrapText(true);

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(6);
        int r = 0;
        r = row(form, r, "Currency", field("cost-currency", vm.costCurrency()), "costCurrency", vm.costErrors());
        r = row(form, r, "Monthly price", field("cost-monthly", vm.costMonthly()), "costMonthly", vm.costErrors());
        r = row(form, r, "Emails included", field("cost-included", vm.costIncluded()), "costIncluded", vm.costErrors());
        r = row(form, r, "Overage per 1,000", field("cost-overage", vm.costOverage()), "costOverage", vm.costErrors());
        Button save = new Button("Save cost");
        save.setId("cost-save");
        save.getStyleClass().add("accent");
        save.disableProperty().bind(vm.busy().or(vm.costTenant().isNull()));
        save.setOnAction(e -> vm.saveCost(false, () -> {}, this::error));
        Button clear = new Button("Clear");
        clear.setId("cost-clear");
        clear.disableProperty().bind(save.disableProperty());
        clear.setOnAction(e -> vm.saveCost(true, () -> {}, this::error));
        form.add(new HBox(8, save, clear), 1, r);
        form.disableProperty().bind(vm.costTenant().isNull());
        Label formTitle = new Label("Sending cost of the chosen client");
        formTitle.getStyleClass().add("title-4");

        VBox box = new VBox(10, help, margins, totals, pooled, formTitle, form);
        box.setPadding(new Insets(10, 0, 0, 0));
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    /** Asks how much to credit and why; the form stays open with the problem until it is right or cancelled. */
    private void creditSelected() {
        Invoice inv = vm.selected().get();
        javafx.scene.control.Dialog<Void> d = new javafx.scene.control.Dialog<>();
        d.initOwner(shell.window());
        d.setTitle("Mailroom");
        d.setHeaderText("Credit part of " + inv.displayNumber() + " for " + inv.tenantName());
        TextField amount = new TextField();
        amount.setId("credit-amount");
        amount.setPromptText("Amount in " + inv.currency().getCurrencyCode());
        TextField reason = new TextField();
        reason.setId("credit-reason");
        reason.setPromptText("Printed on the credit note");
        Label problem = new Label();
        problem.setId("credit-problem");
        problem.getStyleClass().add("text-danger");
        problem.setWrapText(true);
        problem.setMaxWidth(380);
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, new Label("Amount"), amount);
        form.addRow(1, new Label("Why"), reason);
        form.add(problem, 0, 2, 2, 1);
        d.getDialogPane().setContent(form);
        javafx.scene.control.ButtonType issueType = new javafx.scene.control.ButtonType(
                "Issue credit note", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(issueType, javafx.scene.control.ButtonType.CANCEL);
        Button issueButton = (Button) d.getDialogPane().lookupButton(issueType);
        issueButton.disableProperty().bind(vm.busy());
        issueButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            // Keep the dialog open: it closes itself when the use case has issued the note.
            e.consume();
            problem.setText("");
            vm.creditNote(
                    inv,
                    amount.getText(),
                    reason.getText(),
                    () -> {
                        d.setResult(null);
                        d.close();
                    },
                    msg -> {
                        problem.setText(msg);
                        d.getDialogPane().getScene().getWindow().sizeToScene();
                    },
                    this::error);
        });
        javafx.application.Platform.runLater(amount::requestFocus);
        d.showAndWait();
    }

    private TextField field(String id, javafx.beans.property.StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private int row(GridPane form, int r, String label, Node input, String key) {
        return row(form, r, label, input, key, vm.fieldErrors());
    }

    private int row(
            GridPane form,
            int r,
            String label,
            Node input,
            String key,
            javafx.collections.ObservableMap<String, String> errors) {
        Label l = new Label(label);
        l.setWrapText(true);
        l.setMaxWidth(260);
        Label err = new Label();
        err.getStyleClass().add("text-danger");
        err.setId("error-" + key);
        err.textProperty().bind(Bindings.valueAt(errors, key));
        err.setWrapText(true);
        err.setMaxWidth(420);
        form.addRow(r, l, input, err);
        return r + 1;
    }

    private void issueAll() {
        YearMonth m = vm.month().get();
        if (!Dialogs.confirm(
                shell.window(),
                "Issue the invoices for " + m + "?",
                "Each client with a price plan and no invoice for " + m
                        + " gets one, with the next number. Issued invoices cannot be changed; corrections are credit notes.",
                "Issue invoices")) {
            return;
        }
        vm.issueAll(run -> {}, this::error);
    }

    private void voidSelected() {
        Invoice inv = vm.selected().get();
        TextInputDialog d = new TextInputDialog();
        d.initOwner(shell.window());
        d.setTitle("Mailroom");
        d.setHeaderText("Void " + inv.displayNumber() + " for " + inv.tenantName() + "?");
        d.setContentText("Why (printed on the credit note):");
        d.showAndWait().ifPresent(reason -> vm.voidInvoice(inv, reason, this::error));
    }

    private void exportCsv() {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName("invoices-" + vm.month().get() + ".csv");
        Optional.ofNullable(fc.showSaveDialog(shell.window()))
                .map(java.io.File::toPath)
                .ifPresent(p -> vm.exportCsv(p, f -> {}, this::error));
    }

    private void saveInvoicePdf() {
        Invoice inv = vm.selected().get();
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(inv.displayNumber() + ".pdf");
        Optional.ofNullable(fc.showSaveDialog(shell.window()))
                .map(java.io.File::toPath)
                .ifPresent(p -> vm.saveInvoicePdf(inv, p, f -> {}, this::error));
    }

    private void saveReport() {
        Invoice inv = vm.selected().get();
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(BillingViewModel.reportFileName(inv.tenantName(), inv.month()));
        Optional<Path> file =
                Optional.ofNullable(fc.showSaveDialog(shell.window())).map(java.io.File::toPath);
        file.ifPresent(p -> vm.saveClientReport(inv.tenant(), p, f -> {}, this::error));
    }

    private void emailReport() {
        Invoice inv = vm.selected().get();
        Optional<Tenant> client = session.tenants().stream()
                .filter(t -> t.id().equals(inv.tenant()))
                .findFirst();
        String to = client.map(Tenant::contactEmail).filter(a -> !a.isBlank()).orElse("its contact");
        if (Dialogs.confirm(
                shell.window(),
                "E-mail the " + inv.month() + " report of " + inv.tenantName() + "?",
                "The report goes to " + to + " as a PDF, through the connection chosen in Invoice settings.",
                "E-mail report")) {
            vm.emailClientReport(inv.tenant(), () -> {}, this::error);
        }
    }

    /** Every active client's report for the month, into a folder the person picks. */
    private void saveAllReports() {
        javafx.stage.DirectoryChooser dc = new javafx.stage.DirectoryChooser();
        dc.setTitle("Folder for the client reports of " + vm.month().get());
        Optional.ofNullable(dc.showDialog(shell.window()))
                .map(java.io.File::toPath)
                .ifPresent(folder -> {
                    List<BillingViewModel.Client> clients = session.tenants().stream()
                            .filter(t -> !t.isArchived())
                            .map(t -> new BillingViewModel.Client(t.id(), t.name()))
                            .toList();
                    boolean email = vm.reportSenderSet().get()
                            && Dialogs.confirm(
                                    shell.window(),
                                    "Also e-mail each client its report?",
                                    "Each report also goes to its client's contact, through the connection chosen"
                                            + " in Invoice settings. Choose Cancel to only save them.",
                                    "Save and e-mail");
                    vm.saveAllClientReports(clients, folder, email, b -> {}, this::error);
                });
    }

    private void error(Throwable e) {
        Dialogs.showError(shell.window(), "Billing", e);
    }

    private static String describe(Pricing p) {
        if (p instanceof Pricing.Tiered t) {
            return (t.mode() == dev.mailroom.model.billing.TierMode.VOLUME ? "Volume" : "Graduated") + ", "
                    + t.tiers().size() + " tiers";
        }
        Pricing.Steps s = (Pricing.Steps) p;
        return "Steps, " + s.steps().size() + " sizes";
    }

    static String money(Invoice i) {
        return amount(i, i.total()) + " " + i.currency().getCurrencyCode();
    }

    private static String amount(Invoice i, BigDecimal v) {
        int scale = Math.max(0, i.currency().getDefaultFractionDigits());
        return String.format(Locale.ROOT, "%,." + scale + "f", v);
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void refresh() {
        vm.load(this::error);
    }
}
