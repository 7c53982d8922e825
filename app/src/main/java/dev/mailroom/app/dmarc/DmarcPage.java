package dev.mailroom.app.dmarc;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.activity.CountedName;
import dev.mailroom.model.dmarc.DailyAlignment;
import dev.mailroom.model.dmarc.DmarcAdvice;
import dev.mailroom.model.dmarc.DomainDmarc;
import dev.mailroom.model.dmarc.DomainTlsReports;
import dev.mailroom.model.dmarc.ReportDecoder;
import dev.mailroom.model.dmarc.SourceStats;
import dev.mailroom.model.dmarc.TlsReportDecoder;
import dev.mailroom.model.dmarc.TlsReporter;
import java.io.File;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Tenant › DMARC: who sends as the client's domain according to the receivers' aggregate reports
 * (per source IP: volume, DMARC pass, DKIM and SPF alignment, what receivers did), the trend, the
 * reporters, and the policy advisor's word with its numbers and the record to publish. Reports are
 * imported from files here (.xml, .xml.gz, .zip, .eml). Below, the domain's SMTP TLS reports (RFC
 * 8460, imported as .json, .json.gz, .eml): sessions that succeeded and failed by result type, whether
 * senders found the MTA-STS policy, and the reporters, over the same period.
 */
public final class DmarcPage implements Page {
    private static final DateTimeFormatter TICK = DateTimeFormatter.ofPattern("d MMM", Locale.ROOT);

    private final Session session;
    private final Shell shell;
    private final DomainReportsViewModel<DomainDmarc, ReportDecoder> vm;
    private final VBox root = new VBox(12);
    private final ComboBox<String> domain = new ComboBox<>();
    private final Label status = new Label();
    private final Label empty = new Label();
    private final Label messages = stat("dmarc-messages");
    private final Label pass = stat("dmarc-pass");
    private final Label dkim = stat("dmarc-dkim");
    private final Label spf = stat("dmarc-spf");
    private final Label policy = stat("dmarc-policy");
    private final Label headline = new Label();
    private final VBox evidence = new VBox(2);
    private final TextField record = new TextField();
    private final VBox wouldBreak = new VBox(2);
    private final TableView<SourceStats> sources = new TableView<>();
    private final TableView<CountedName> reporters = new TableView<>();
    private final LineChart<String, Number> trend = new LineChart<>(new CategoryAxis(), percentAxis());
    private final DomainReportsViewModel<DomainTlsReports, TlsReportDecoder> tls;
    private final ComboBox<String> tlsDomain = new ComboBox<>();
    private final Label tlsEmpty = new Label();
    private final Label tlsSessions = stat("tls-sessions");
    private final Label tlsSucceeded = stat("tls-succeeded");
    private final Label tlsFailed = stat("tls-failed");
    private final Label tlsPolicy = stat("tls-policy");
    private final TableView<CountedName> tlsFailures = new TableView<>();
    private final TableView<TlsReporter> tlsReporters = new TableView<>();
    private boolean updating;

    public DmarcPage(Session session, BackgroundRunner runner, Shell shell) {
        this.session = session;
        this.shell = shell;
        this.vm = DomainReportsViewModel.dmarc(
                session.services().dmarc(), session.services().dmarcDecoder(), runner, session.actor());
        this.tls = DomainReportsViewModel.tls(
                session.services().tlsReports(), session.services().tlsDecoder(), runner, session.actor());

        Button importButton = new Button("_Import reports…", Icons.importFile());
        importButton.setId("dmarc-import");
        importButton.disableProperty().bind(vm.importing());
        importButton.setOnAction(e -> importFiles());
        Button cancel = new Button("Cancel import");
        cancel.setId("dmarc-import-cancel");
        cancel.visibleProperty().bind(vm.importing());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancelImport());

        Label importResult = new Label();
        importResult.setId("dmarc-import-result");
        importResult.setWrapText(true);
        importResult.textProperty().bind(vm.importResult());
        importResult.getStyleClass().add("text-muted");
        importResult.visibleProperty().bind(vm.importResult().isNotEmpty());
        importResult.managedProperty().bind(importResult.visibleProperty());

        empty.setId("dmarc-empty");
        empty.setWrapText(true);
        empty.getStyleClass().add("text-muted");

        VBox content = new VBox(
                14, filters(), importResult, empty, cards(), advisor(), sourcesCard(), lowerRow(), tlsSection());
        content.getStyleClass().add("analytics-content");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root.getChildren()
                .setAll(
                        PageHeader.of(
                                "DMARC",
                                "Who sends as this client's domains, how much of it passes DMARC, and when the policy"
                                        + " can be tightened.",
                                status,
                                cancel,
                                importButton),
                        scroll);
        root.getStyleClass().addAll("page", "analytics-page");
        root.setId("dmarc-page");

        vm.view().addListener((o, was, v) -> show(v));
        vm.loading().addListener((o, was, now) -> status.setText(now ? "Reading…" : ""));
        vm.domains().addListener((javafx.collections.ListChangeListener<String>) c -> {
            updating = true;
            domain.getItems().setAll(vm.domains());
            domain.setValue(vm.domain().get());
            updating = false;
        });
        vm.domain().addListener((o, was, now) -> {
            updating = true;
            domain.setValue(now);
            updating = false;
        });
        tls.view().addListener((o, was, v) -> showTls(v));
        tls.domains().addListener((javafx.collections.ListChangeListener<String>) c -> {
            updating = true;
            tlsDomain.getItems().setAll(tls.domains());
            tlsDomain.setValue(tls.domain().get());
            updating = false;
        });
        tls.domain().addListener((o, was, now) -> {
            updating = true;
            tlsDomain.setValue(now);
            updating = false;
        });
        session.currentTenantProperty().addListener((o, was, now) -> {
            if (was == null || now == null || !was.id().equals(now.id())) {
                vm.domain().set(null);
                tls.domain().set(null);
                if (root.getScene() != null) {
                    refresh();
                }
            }
        });
        show(null);
        showTls(null);
    }

    private Node filters() {
        ToggleGroup periods = new ToggleGroup();
        HBox buttons = new HBox();
        buttons.getStyleClass().add("segmented");
        for (int days : new int[] {30, 90}) {
            ToggleButton b = new ToggleButton(days + " days");
            b.setId("dmarc-period-" + days);
            b.setToggleGroup(periods);
            b.setSelected(days == vm.days().get());
            b.setOnAction(e -> {
                if (!b.isSelected()) {
                    b.setSelected(true);
                    return;
                }
                vm.days().set(days);
                tls.days().set(days);
                refresh();
            });
            buttons.getChildren().add(b);
        }
        domain.setId("dmarc-domain");
        domain.setPrefWidth(260);
        domain.setOnAction(e -> {
            if (!updating && domain.getValue() != null) {
                vm.domain().set(domain.getValue());
                refresh();
            }
        });
        Label domainLabel = new Label("Domain");
        domainLabel.getStyleClass().add("field-label");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, buttons, spacer, domainLabel, domain);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static Label stat(String id) {
        Label v = new Label("–");
        v.setId(id);
        v.getStyleClass().add("stat-value");
        return v;
    }

    private Node cards() {
        HBox row = new HBox(
                12,
                card("Messages reported", messages),
                card("Passed DMARC", pass),
                card("DKIM aligned", dkim),
                card("SPF aligned", spf),
                card("Published policy", policy));
        row.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));
        return row;
    }

    private static Node card(String title, Label value) {
        Label t = new Label(title);
        t.getStyleClass().add("stat-title");
        VBox card = new VBox(4, t, value);
        card.getStyleClass().add("stat-card");
        card.setMaxWidth(Double.MAX_VALUE);
        return card;
    }

    private Node advisor() {
        Label title = new Label("Policy advisor");
        title.getStyleClass().add("chart-title-label");
        headline.setId("dmarc-advice");
        headline.setWrapText(true);
        headline.getStyleClass().add("advice-headline");
        headline.setStyle("-fx-font-weight: bold;");
        evidence.setId("dmarc-evidence");
        record.setId("dmarc-record");
        record.setEditable(false);
        record.managedProperty().bind(record.visibleProperty());
        Label breakTitle = new Label("What would break");
        breakTitle.getStyleClass().add("field-label");
        breakTitle.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(wouldBreak.getChildren()));
        breakTitle.managedProperty().bind(breakTitle.visibleProperty());
        wouldBreak.setId("dmarc-would-break");
        VBox card = new VBox(8, title, headline, evidence, record, breakTitle, wouldBreak);
        card.getStyleClass().add("chart-card");
        return card;
    }

    private Node sourcesCard() {
        sources.setId("dmarc-sources");
        sources.setPrefHeight(300);
        sources.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<SourceStats, String> verdictColumn = column("Verdict", DmarcPage::verdict, 330);
        sources.getColumns()
                .setAll(List.of(
                        column("Source IP", s -> s.sourceIp(), 125),
                        column("Messages", s -> count(s.messages()), 92),
                        column("Passed", s -> percent(s.dmarcPass(), s.messages()), 90),
                        column("DKIM", s -> percent(s.dkimAligned(), s.messages()), 62),
                        column("SPF", s -> percent(s.spfAligned(), s.messages()), 58),
                        column("Quar. / rej.", s -> count(s.quarantined()) + " / " + count(s.rejected()), 100),
                        column("Reporters", s -> Integer.toString(s.reporters()), 92),
                        verdictColumn));
        // Figures keep their width (headers were cut at 1280); the verdict takes the rest, whole in its tooltip.
        sources.getColumns().forEach(c -> c.setMinWidth(c.getPrefWidth()));
        verdictColumn.setMinWidth(180);
        verdictColumn.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v);
                setTooltip(empty || v == null ? null : new javafx.scene.control.Tooltip(v));
            }
        });
        sources.setPlaceholder(new Label("No reports for this domain in the period."));
        Label title = new Label("Who sends as this domain");
        title.getStyleClass().add("chart-title-label");
        VBox card = new VBox(8, title, sources);
        card.getStyleClass().add("chart-card");
        return card;
    }

    private Node lowerRow() {
        trend.setId("dmarc-trend");
        trend.setAnimated(false);
        trend.setLegendVisible(false);
        trend.setPrefHeight(240);
        trend.setCreateSymbols(false);
        Label t = new Label("Passed DMARC per day");
        t.getStyleClass().add("chart-title-label");
        VBox trendCard = new VBox(8, t, trend);
        trendCard.getStyleClass().add("chart-card");
        reporters.setId("dmarc-reporters");
        reporters.setPrefHeight(240);
        reporters.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<CountedName, String> name = new TableColumn<>("Reporter");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        name.setPrefWidth(180);
        TableColumn<CountedName, String> n = new TableColumn<>("Messages");
        n.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(count(c.getValue().count())));
        reporters.getColumns().setAll(List.of(name, n));
        Label r = new Label("Reporters");
        r.getStyleClass().add("chart-title-label");
        VBox reportersCard = new VBox(8, r, reporters);
        reportersCard.getStyleClass().add("chart-card");
        HBox row = new HBox(14, trendCard, reportersCard);
        HBox.setHgrow(trendCard, Priority.ALWAYS);
        reportersCard.setPrefWidth(320);
        reportersCard.setMinWidth(280);
        return row;
    }

    private Node tlsSection() {
        Label title = new Label("SMTP TLS reports (MTA-STS)");
        title.getStyleClass().add("chart-title-label");
        Button importTls = new Button("Import _TLS reports…", Icons.importFile());
        importTls.setId("tls-import");
        importTls.disableProperty().bind(tls.importing());
        importTls.setOnAction(e -> importTlsFiles());
        Button cancel = new Button("Cancel import");
        cancel.setId("tls-import-cancel");
        cancel.visibleProperty().bind(tls.importing());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> tls.cancelImport());
        tlsDomain.setId("tls-domain");
        tlsDomain.setPrefWidth(260);
        tlsDomain.setOnAction(e -> {
            if (!updating && tlsDomain.getValue() != null) {
                tls.domain().set(tlsDomain.getValue());
                refreshTls();
            }
        });
        tlsDomain.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(tls.domains()));
        tlsDomain.managedProperty().bind(tlsDomain.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(10, title, spacer, tlsDomain, cancel, importTls);
        top.setAlignment(Pos.CENTER_LEFT);

        Label result = new Label();
        result.setId("tls-import-result");
        result.setWrapText(true);
        result.textProperty().bind(tls.importResult());
        result.getStyleClass().add("text-muted");
        result.visibleProperty().bind(tls.importResult().isNotEmpty());
        result.managedProperty().bind(result.visibleProperty());

        tlsEmpty.setId("tls-empty");
        tlsEmpty.setWrapText(true);
        tlsEmpty.getStyleClass().add("text-muted");
        tlsEmpty.setText("No SMTP TLS reports for this client yet. Senders that check TLS to the domain's mail"
                + " servers (MTA-STS, DANE) send a daily report to the address in its _smtp._tls record;"
                + " import those files here (Import TLS reports…).");

        HBox stats = new HBox(
                12,
                card("TLS sessions reported", tlsSessions),
                card("Succeeded", tlsSucceeded),
                card("Failed", tlsFailed),
                card("Policy senders found", tlsPolicy));
        stats.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));

        tlsFailures.setId("tls-failures");
        tlsFailures.setPrefHeight(200);
        tlsFailures.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tlsFailures
                .getColumns()
                .setAll(List.of(
                        column("Result type", CountedName::name, 190),
                        column("Sessions", c -> count(c.count()), 90),
                        withTooltip(column("What it means", c -> tlsResultWords(c.name()), 260))));
        // The type and the count keep their width; the words take the rest, whole in their tooltip.
        tlsFailures.getColumns().forEach(c -> c.setMinWidth(c.getPrefWidth()));
        tlsFailures.getColumns().get(2).setMinWidth(120);
        tlsFailures.setPlaceholder(new Label("No failed TLS sessions in the period."));
        Label failuresTitle = new Label("Failed sessions by result type");
        failuresTitle.getStyleClass().add("field-label");
        VBox failuresBox = new VBox(6, failuresTitle, tlsFailures);

        tlsReporters.setId("tls-reporters");
        tlsReporters.setPrefHeight(200);
        tlsReporters.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tlsReporters
                .getColumns()
                .setAll(List.of(
                        column("Reporter", TlsReporter::organisation, 190),
                        column("Reports", r -> Integer.toString(r.reports()), 80),
                        column("Succeeded", r -> count(r.succeeded()), 115),
                        column("Failed", r -> count(r.failed()), 80)));
        // Figures keep their width (headers were cut at 1280); the reporter's name takes the rest.
        tlsReporters.getColumns().forEach(c -> c.setMinWidth(c.getPrefWidth()));
        tlsReporters.getColumns().get(0).setMinWidth(140);
        tlsReporters.setPlaceholder(new Label("No TLS reports in the period."));
        Label reportersTitle = new Label("Reporters");
        reportersTitle.getStyleClass().add("field-label");
        VBox reportersBox = new VBox(6, reportersTitle, tlsReporters);
        reportersBox.setPrefWidth(500);
        reportersBox.setMinWidth(460);
        HBox tables = new HBox(14, failuresBox, reportersBox);
        HBox.setHgrow(failuresBox, Priority.ALWAYS);

        VBox card = new VBox(8, top, result, tlsEmpty, stats, tables);
        card.getStyleClass().add("chart-card");
        card.setId("tls-section");
        return card;
    }

    private static <T> TableColumn<T, String> withTooltip(TableColumn<T, String> column) {
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v);
                setTooltip(empty || v == null || v.isEmpty() ? null : new javafx.scene.control.Tooltip(v));
            }
        });
        return column;
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    static String verdict(SourceStats s) {
        if (s.dmarcPass() * 2 < s.messages()) {
            return "Unaligned (not set up, forwarded or spoofed)";
        }
        if (s.dmarcPass() * 100 < s.messages() * 98L) {
            return "Sender, partly failing";
        }
        return "Sender, aligned";
    }

    private static NumberAxis percentAxis() {
        NumberAxis axis = new NumberAxis(0, 100, 20);
        axis.setAutoRanging(false);
        axis.setMinorTickVisible(false);
        return axis;
    }

    private void importFiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import DMARC aggregate reports");
        chooser.getExtensionFilters()
                .addAll(
                        new FileChooser.ExtensionFilter(
                                "DMARC reports (.xml, .xml.gz, .gz, .zip, .eml)", "*.xml", "*.gz", "*.zip", "*.eml"),
                        new FileChooser.ExtensionFilter("All files", "*"));
        List<File> files = chooser.showOpenMultipleDialog(shell.window());
        if (files == null || files.isEmpty()) {
            return;
        }
        vm.importFiles(
                session.currentTenant(),
                files.stream().map(File::toPath).toList(),
                this::refresh,
                e -> Dialogs.showError(shell.window(), "Could not import the reports", e));
    }

    private void importTlsFiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import SMTP TLS reports");
        chooser.getExtensionFilters()
                .addAll(
                        new FileChooser.ExtensionFilter(
                                "TLS reports (.json, .json.gz, .gz, .eml)", "*.json", "*.gz", "*.eml"),
                        new FileChooser.ExtensionFilter("All files", "*"));
        List<File> files = chooser.showOpenMultipleDialog(shell.window());
        if (files == null || files.isEmpty()) {
            return;
        }
        tls.importFiles(
                session.currentTenant(),
                files.stream().map(File::toPath).toList(),
                this::refreshTls,
                e -> Dialogs.showError(shell.window(), "Could not import the TLS reports", e));
    }

    private void refreshTls() {
        tls.load(session.currentTenant(), e -> Dialogs.showError(shell.window(), "Could not read the TLS reports", e));
    }

    private void showTls(DomainTlsReports v) {
        boolean none = v == null;
        tlsEmpty.setVisible(none);
        tlsEmpty.setManaged(none);
        if (none) {
            for (Label l : List.of(tlsSessions, tlsSucceeded, tlsFailed, tlsPolicy)) {
                l.setText("–");
            }
            tlsFailures.getItems().clear();
            tlsReporters.getItems().clear();
            return;
        }
        tlsSessions.setText(count(v.sessions()));
        tlsSucceeded.setText(percent(v.succeeded(), v.sessions()));
        tlsFailed.setText(
                count(v.failed()) + (v.sessions() == 0 ? "" : " (" + percent(v.failed(), v.sessions()) + ")"));
        tlsPolicy.setText(tlsPolicyWords(v.policyType()));
        tlsPolicy.setTooltip(new javafx.scene.control.Tooltip(
                "The policy the newest TLS report names: MTA-STS or DANE when senders found one and checked the"
                        + " mail servers' certificates against it; None when they found no policy, so they would"
                        + " deliver without TLS."));
        tlsFailures.getItems().setAll(v.failures());
        tlsReporters.getItems().setAll(v.reporters());
    }

    /** The policy type the newest TLS report saw, in words. */
    static String tlsPolicyWords(java.util.Optional<String> type) {
        if (type.isEmpty()) {
            return "–";
        }
        return switch (type.get()) {
            case "sts" -> "MTA-STS";
            case "tlsa" -> "DANE (TLSA)";
            case "no-policy-found" -> "None";
            default -> type.get();
        };
    }

    /** RFC 8460's result types (section 4.3), in words. */
    static String tlsResultWords(String type) {
        return switch (type) {
            case "starttls-not-supported" -> "The mail server did not offer STARTTLS";
            case "certificate-host-mismatch" -> "The certificate names another host";
            case "certificate-expired" -> "The certificate has expired";
            case "certificate-not-trusted" -> "The certificate is not signed by a trusted authority";
            case "validation-failure" -> "The certificate or chain could not be validated";
            case "tlsa-invalid" -> "The DANE TLSA record is invalid";
            case "dnssec-invalid" -> "DNSSEC validation failed for the domain";
            case "dane-required" -> "DANE was required but no usable record was found";
            case "sts-policy-fetch-error" -> "The MTA-STS policy file could not be fetched";
            case "sts-policy-invalid" -> "The MTA-STS policy file is invalid";
            case "sts-webpki-invalid" -> "The MTA-STS policy host's certificate is invalid";
            default -> "";
        };
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void refresh() {
        vm.load(session.currentTenant(), e -> Dialogs.showError(shell.window(), "Could not read the DMARC reports", e));
        refreshTls();
    }

    private void show(DomainDmarc v) {
        boolean none = v == null;
        empty.setVisible(none);
        empty.setManaged(none);
        empty.setText("No DMARC aggregate reports for this client yet. Import the reports receivers sent to the"
                + " domain's rua address (Import reports…).");
        if (none) {
            for (Label l : List.of(messages, pass, dkim, spf, policy)) {
                l.setText("–");
            }
            headline.setText("");
            evidence.getChildren().clear();
            record.setVisible(false);
            wouldBreak.getChildren().clear();
            sources.getItems().clear();
            reporters.getItems().clear();
            trend.getData().clear();
            return;
        }
        messages.setText(count(v.messages()));
        pass.setText(percent(v.dmarcPass(), v.messages()));
        dkim.setText(percent(v.dkimAligned(), v.messages()));
        spf.setText(percent(v.spfAligned(), v.messages()));
        policy.setText(v.policy()
                .map(p -> "p=" + p.p() + (p.pct() < 100 ? " (pct " + p.pct() + ")" : ""))
                .orElse("–"));
        DmarcAdvice a = v.advice();
        headline.setText(a.headline());
        evidence.getChildren().setAll(a.evidence().stream().map(DmarcPage::line).toList());
        record.setVisible(a.record().isPresent());
        record.setText(a.record().orElse(""));
        wouldBreak
                .getChildren()
                .setAll(a.wouldBreak().stream().map(DmarcPage::line).toList());
        sources.getItems().setAll(v.sources());
        reporters.getItems().setAll(v.reporters());
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        for (DailyAlignment d : v.trend()) {
            series.getData()
                    .add(new XYChart.Data<>(
                            TICK.format(d.day()), d.messages() == 0 ? 0 : 100.0 * d.dmarcPass() / d.messages()));
        }
        trend.getData().setAll(List.of(series));
    }

    private static Label line(String text) {
        Label l = new Label("• " + text);
        l.setWrapText(true);
        return l;
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String percent(long part, long whole) {
        if (whole == 0) {
            return "–";
        }
        double v = 100.0 * part / whole;
        return v >= 99.95 || v == Math.rint(v)
                ? String.format(Locale.ROOT, "%.0f%%", v)
                : String.format(Locale.ROOT, "%.1f%%", v);
    }
}
