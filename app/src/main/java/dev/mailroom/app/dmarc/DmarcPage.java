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
import dev.mailroom.model.dmarc.SourceStats;
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
 * imported from files here (.xml, .xml.gz, .zip, .eml).
 */
public final class DmarcPage implements Page {
    private static final DateTimeFormatter TICK = DateTimeFormatter.ofPattern("d MMM", Locale.ROOT);

    private final Session session;
    private final Shell shell;
    private final DmarcViewModel vm;
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
    private boolean updating;

    public DmarcPage(Session session, BackgroundRunner runner, Shell shell) {
        this.session = session;
        this.shell = shell;
        this.vm = new DmarcViewModel(
                session.services().dmarc(), session.services().dmarcDecoder(), runner, session.actor());

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

        VBox content = new VBox(14, filters(), importResult, empty, cards(), advisor(), sourcesCard(), lowerRow());
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
        session.currentTenantProperty().addListener((o, was, now) -> {
            if (was == null || now == null || !was.id().equals(now.id())) {
                vm.domain().set(null);
                if (root.getScene() != null) {
                    refresh();
                }
            }
        });
        show(null);
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

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void refresh() {
        vm.load(session.currentTenant(), e -> Dialogs.showError(shell.window(), "Could not read the DMARC reports", e));
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
