package dev.mailroom.app.analytics;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Converters;
import dev.mailroom.app.common.Csv;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.activity.AnalyticsReport;
import dev.mailroom.model.activity.BounceReason;
import dev.mailroom.model.activity.CountedName;
import dev.mailroom.model.activity.DeferralReasons;
import dev.mailroom.model.activity.EventTotals;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.Thresholds;
import dev.mailroom.model.tenants.Tenant;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedAreaChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javax.imageio.ImageIO;

/**
 * Tenant › Analytics: the current tenant's events over a period, for all its domains or one. Headline
 * cards, volume by event type, rates against the providers' thresholds, top bouncing recipient
 * domains and deferral reasons; the numbers export as CSV and every chart as PNG.
 */
public final class AnalyticsPage implements Page {
    /** Stacked in this order; the CSS colours series by index (default-color0..7) to UX.md's event colours. */
    static final List<EventType> STACKED = List.of(
            EventType.DELIVERED,
            EventType.DEFERRED,
            EventType.SOFT_BOUNCE,
            EventType.HARD_BOUNCE,
            EventType.COMPLAINED,
            EventType.OPENED,
            EventType.CLICKED,
            EventType.REJECTED);

    private static final String ALL_DOMAINS = "All domains";
    private static final DateTimeFormatter TICK = DateTimeFormatter.ofPattern("d MMM");

    private final Session session;
    private final BackgroundRunner runner;
    private final Shell shell;
    private final AnalyticsViewModel vm;
    private final VBox root = new VBox(12);
    private final ComboBox<String> domain = new ComboBox<>();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final Label status = new Label();
    private final Label empty = new Label();
    private final Map<String, Label> cardValues = new java.util.HashMap<>();
    private final HBox bounceChipBox = new HBox();
    private final HBox complaintChipBox = new HBox();
    private final StackedAreaChart<Number, Number> volume = new StackedAreaChart<>(dayAxis(), countAxis());
    private final LineChart<Number, Number> bounceRate = new LineChart<>(dayAxis(), percentAxis());
    private final LineChart<Number, Number> complaintRate = new LineChart<>(dayAxis(), percentAxis());
    private final LineChart<Number, Number> deliveryOpen = new LineChart<>(dayAxis(), percentAxis());
    private final BarChart<Number, String> bouncingDomains = new BarChart<>(countAxis(), new CategoryAxis());
    private final BarChart<Number, String> deferrals = new BarChart<>(countAxis(), new CategoryAxis());
    private final BarChart<Number, String> bounceReasons = new BarChart<>(countAxis(), new CategoryAxis());
    private boolean updatingDomains;

    public AnalyticsPage(Session session, BackgroundRunner runner, Shell shell) {
        this.session = session;
        this.runner = runner;
        this.shell = shell;
        this.vm = new AnalyticsViewModel(session.services().analytics(), runner, session.actor());

        Button csv = new Button("Export _CSV…", Icons.export());
        csv.setId("analytics-export-csv");
        csv.disableProperty().bind(vm.report().isNull());
        csv.setOnAction(e -> exportCsv());

        VBox content = new VBox(
                14, filters(), cards(), empty, chartCard("Volume by event type", "volume", volume, 330), grid());
        empty.setId("analytics-empty");
        empty.getStyleClass().add("text-muted");
        empty.setWrapText(true);
        empty.setVisible(false);
        empty.setManaged(false);
        content.getStyleClass().add("analytics-content");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setId("analytics-scroll");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root.getChildren()
                .setAll(
                        PageHeader.of(
                                "Analytics",
                                "What happened to this client's mail: deliveries, bounces, complaints and opens.",
                                status,
                                csv),
                        scroll);
        root.getStyleClass().addAll("page", "analytics-page");
        root.setId("analytics-page");

        configureCharts();
        vm.report().addListener((o, was, r) -> show(r));
        session.currentTenantProperty().addListener((o, was, now) -> {
            if (was == null || now == null || !was.id().equals(now.id())) {
                vm.domain().set(Optional.empty());
                if (root.getScene() != null) {
                    refresh();
                }
            }
        });
        vm.loading().addListener((o, was, now) -> status.setText(now ? "Reading…" : ""));
    }

    private Node filters() {
        ToggleGroup periods = new ToggleGroup();
        HBox buttons = new HBox();
        buttons.getStyleClass().add("segmented");
        for (int days : new int[] {7, 30, 90, 0}) {
            ToggleButton b = new ToggleButton(days == 0 ? "Custom" : days + " days");
            b.setId(days == 0 ? "period-custom" : "period-" + days);
            b.setToggleGroup(periods);
            b.setSelected(days == vm.days().get());
            b.setOnAction(e -> {
                if (!b.isSelected()) {
                    b.setSelected(true);
                    return;
                }
                vm.days().set(days);
                if (days == 0 && from.getValue() == null) {
                    from.setValue(vm.period().from());
                    to.setValue(vm.period().to());
                }
                refresh();
            });
            buttons.getChildren().add(b);
        }
        from.setId("period-from");
        to.setId("period-to");
        from.setPrefWidth(130);
        to.setPrefWidth(130);
        from.setPromptText("From");
        to.setPromptText("To");
        vm.customFrom().bind(from.valueProperty());
        vm.customTo().bind(to.valueProperty());
        from.setOnAction(e -> refresh());
        to.setOnAction(e -> refresh());
        HBox custom = new HBox(6, from, new Label("to"), to);
        custom.setAlignment(Pos.CENTER_LEFT);
        custom.visibleProperty().bind(vm.days().isEqualTo(0));
        custom.managedProperty().bind(custom.visibleProperty());

        domain.setId("analytics-domain");
        domain.getItems().setAll(ALL_DOMAINS);
        domain.setValue(ALL_DOMAINS);
        domain.setPrefWidth(260);
        domain.setOnAction(e -> {
            if (updatingDomains) {
                return;
            }
            String d = domain.getValue();
            vm.domain().set(d == null || ALL_DOMAINS.equals(d) ? Optional.empty() : Optional.of(d));
            refresh();
        });
        Label domainLabel = new Label("Domain");
        domainLabel.getStyleClass().add("field-label");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, buttons, custom, spacer, domainLabel, domain);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private Node cards() {
        HBox row = new HBox(
                12,
                card("sent", "Sent", null),
                card("delivered", "Delivered", null),
                card("bounce", "Bounce rate", bounceChipBox),
                card("complaint", "Complaint rate", complaintChipBox),
                card("open", "Open rate", null));
        row.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));
        return row;
    }

    private Node card(String id, String title, Node extra) {
        Label t = new Label(title);
        t.getStyleClass().add("stat-title");
        Label v = new Label("–");
        v.setId("card-" + id);
        v.getStyleClass().add("stat-value");
        cardValues.put(id, v);
        VBox card = new VBox(4, t, v);
        if (extra != null) {
            card.getChildren().add(extra);
        }
        card.getStyleClass().add("stat-card");
        card.setMaxWidth(Double.MAX_VALUE);
        return card;
    }

    private Node grid() {
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(14);
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        grid.getColumnConstraints().addAll(half, half);
        grid.add(chartCard("Bounce rate (warning 2%, limit 5%)", "bounce-rate", bounceRate, 250), 0, 0);
        grid.add(chartCard("Complaint rate (warning 0.1%, limit 0.3%)", "complaint-rate", complaintRate, 250), 1, 0);
        grid.add(chartCard("Delivery and open rates", "delivery-open", deliveryOpen, 250), 0, 1);
        grid.add(chartCard("Top bouncing recipient domains", "bouncing-domains", bouncingDomains, 250), 1, 1);
        grid.add(chartCard("Bounce reasons", "bounce-reasons", bounceReasons, 240), 0, 2);
        grid.add(chartCard("Deferral reasons", "deferrals", deferrals, 240), 1, 2);
        return grid;
    }

    private Node chartCard(String title, String id, XYChart<?, ?> chart, double height) {
        chart.setId("chart-" + id);
        chart.setAnimated(false);
        chart.setPrefHeight(height);
        chart.setMinHeight(height);
        Label t = new Label(title);
        t.getStyleClass().add("chart-title-label");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button png = new Button("PNG…");
        png.setId("export-png-" + id);
        png.getStyleClass().addAll("flat", "small");
        png.setTooltip(new Tooltip("Save this chart as a PNG image"));
        png.setOnAction(e -> exportPng(chart, id));
        HBox head = new HBox(8, t, spacer, png);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox card = new VBox(4, head, new StackPane(chart));
        card.getStyleClass().add("chart-card");
        return card;
    }

    private void configureCharts() {
        volume.getStyleClass().add("event-chart");
        volume.setCreateSymbols(false);
        for (LineChart<Number, Number> c : List.of(bounceRate, complaintRate, deliveryOpen)) {
            c.setCreateSymbols(false);
            c.getStyleClass().add("rate-chart");
        }
        deliveryOpen.getStyleClass().add("delivery-open-chart");
        bounceRate.getStyleClass().add("bounce-rate-chart");
        complaintRate.getStyleClass().add("complaint-rate-chart");
        // A rate of delivered or opened mail is never above 100%: the axis ends there.
        NumberAxis rateAxis = (NumberAxis) deliveryOpen.getYAxis();
        rateAxis.setAutoRanging(false);
        rateAxis.setLowerBound(0);
        rateAxis.setUpperBound(100);
        rateAxis.setTickUnit(20);
        bouncingDomains.setLegendVisible(false);
        for (BarChart<Number, String> b : List.of(bouncingDomains, deferrals, bounceReasons)) {
            b.setCategoryGap(6);
            b.setBarGap(0);
        }
        deferrals.setLegendVisible(false);
        bounceReasons.setLegendVisible(false);
        bounceReasons.getStyleClass().add("bounce-bars");
        bouncingDomains.getStyleClass().add("bounce-bars");
        deferrals.getStyleClass().add("deferral-bars");
    }

    private static NumberAxis dayAxis() {
        NumberAxis axis = new NumberAxis();
        axis.setAutoRanging(false);
        axis.setMinorTickVisible(false);
        axis.setTickLabelFormatter(
                Converters.<Number>labelled(n -> TICK.format(LocalDate.ofEpochDay(Math.round(n.doubleValue())))));
        return axis;
    }

    private static NumberAxis countAxis() {
        NumberAxis axis = new NumberAxis();
        axis.setMinorTickVisible(false);
        axis.setForceZeroInRange(true);
        axis.setTickLabelFormatter(Converters.<Number>labelled(n -> Formats.count(Math.round(n.doubleValue()))));
        return axis;
    }

    /** Values are percentages (2.5 is 2.5%). */
    private static NumberAxis percentAxis() {
        NumberAxis axis = new NumberAxis();
        axis.setMinorTickVisible(false);
        axis.setForceZeroInRange(true);
        axis.setTickLabelFormatter(Converters.<Number>labelled(n -> Rates.percent(n.doubleValue() / 100)));
        return axis;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void refresh() {
        vm.load(session.currentTenant(), e -> Dialogs.showError(shell.window(), "Could not read the analytics", e));
    }

    private void show(AnalyticsReport r) {
        if (r == null) {
            clear();
            return;
        }
        EventTotals t = r.totals();
        cardValues.get("sent").setText(Formats.count(t.sent()));
        cardValues.get("delivered").setText(Rates.percent(t.deliveryRate()));
        cardValues.get("bounce").setText(Rates.percent(t.bounceRate()));
        cardValues.get("complaint").setText(Rates.percent(t.complaintRate()));
        cardValues.get("open").setText(Rates.percent(t.openRate()));
        Chip bounce = Rates.levelChip(t.bounceRate(), Thresholds::bounce);
        bounce.setId("chip-bounce");
        bounceChipBox.getChildren().setAll(bounce);
        Chip complaint = Rates.levelChip(t.complaintRate(), Thresholds::complaint);
        complaint.setId("chip-complaint");
        complaintChipBox.getChildren().setAll(complaint);
        boolean none = t.counts().isEmpty();
        empty.setText(
                none
                        ? "No events for "
                                + session.currentTenant().map(Tenant::name).orElse("this client")
                                + " in this period. Events arrive as the client sends mail and bounce reports are read in."
                        : "");
        empty.setVisible(none);
        empty.setManaged(none);

        updatingDomains = true;
        try {
            List<String> items = new ArrayList<>();
            items.add(ALL_DOMAINS);
            items.addAll(r.domains());
            r.domain().filter(d -> !items.contains(d)).ifPresent(items::add);
            domain.getItems().setAll(items);
            domain.setValue(r.domain().orElse(ALL_DOMAINS));
        } finally {
            updatingDomains = false;
        }

        long first = r.period().from().toEpochDay();
        long last = r.period().to().toEpochDay();
        for (XYChart<Number, Number> c : List.of(volume, bounceRate, complaintRate, deliveryOpen)) {
            NumberAxis x = (NumberAxis) c.getXAxis();
            x.setLowerBound(first);
            x.setUpperBound(Math.max(last, first + 1));
            x.setTickUnit(Math.max(1, Math.ceil((last - first) / 8.0)));
        }

        List<XYChart.Series<Number, Number>> stacked = new ArrayList<>();
        for (EventType type : STACKED) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(Rates.label(type));
            r.byDay()
                    .forEach(
                            (day, totals) -> s.getData().add(new XYChart.Data<>(day.toEpochDay(), totals.count(type))));
            stacked.add(s);
        }
        volume.getData().setAll(stacked);
        wholeCounts(
                (NumberAxis) volume.getYAxis(),
                r.byDay().values().stream()
                        .mapToDouble(
                                day -> STACKED.stream().mapToLong(day::count).sum())
                        .max()
                        .orElse(0));

        bounceRate
                .getData()
                .setAll(
                        rateSeries("Bounce rate", r, EventTotals::bounceRate),
                        line("Warning 2%", r, Thresholds.BOUNCE_WARNING),
                        line("Limit 5%", r, Thresholds.BOUNCE_LIMIT));
        complaintRate
                .getData()
                .setAll(
                        rateSeries("Complaint rate", r, EventTotals::complaintRate),
                        line("Warning 0.1%", r, Thresholds.COMPLAINT_WARNING),
                        line("Limit 0.3%", r, Thresholds.COMPLAINT_LIMIT));
        deliveryOpen
                .getData()
                .setAll(
                        rateSeries("Delivery rate", r, EventTotals::deliveryRate),
                        rateSeries("Open rate", r, EventTotals::openRate));

        bouncingDomains.getData().setAll(bars("Bounces", r.topBouncingDomains(), Function.identity()));
        deferrals.getData().setAll(bars("Deferrals", r.deferralReasons(), DeferralReasons::describe));
        List<CountedName> reasons = byReason(r.bounceReasons());
        bounceReasons.getData().setAll(bars("Bounces", reasons, Function.identity()));
        wholeCounts(
                (NumberAxis) bounceReasons.getXAxis(),
                reasons.stream().mapToLong(CountedName::count).max().orElse(0));
        wholeCounts(
                (NumberAxis) bouncingDomains.getXAxis(),
                r.topBouncingDomains().stream()
                        .mapToLong(CountedName::count)
                        .max()
                        .orElse(0));
        wholeCounts(
                (NumberAxis) deferrals.getXAxis(),
                r.deferralReasons().stream().mapToLong(CountedName::count).max().orElse(0));
    }

    /**
     * Bounce roll-ups by reason in words, most first; older roll-ups keyed by status code join the
     * reason their code names.
     */
    static List<CountedName> byReason(List<CountedName> keys) {
        java.util.Map<String, Long> merged = new java.util.LinkedHashMap<>();
        for (CountedName c : keys) {
            merged.merge(BounceReason.describe(c.name()), c.count(), Long::sum);
        }
        return merged.entrySet().stream()
                .map(e -> new CountedName(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparingLong(CountedName::count).reversed())
                .toList();
    }

    /**
     * Counts are whole: the axis runs from 0 to a round number at or above {@code max} in steps of 1, 2 or 5
     * times a power of ten, never a fraction (an auto-ranged axis labels 0.5 steps "1, 1, 2" for small counts).
     */
    static void wholeCounts(NumberAxis axis, double max) {
        double step = wholeStep(max);
        axis.setAutoRanging(false);
        axis.setLowerBound(0);
        axis.setTickUnit(step);
        axis.setUpperBound(Math.max(step, Math.ceil(max / step) * step));
    }

    /** A whole tick step giving about five ticks up to {@code max}: 1, 2, 5, 10, 20, 50… */
    static double wholeStep(double max) {
        double raw = Math.max(1, max / 5);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                return Math.max(1, Math.round(m * magnitude));
            }
        }
        return Math.max(1, Math.round(10 * magnitude));
    }

    private static XYChart.Series<Number, Number> rateSeries(
            String name, AnalyticsReport r, Function<EventTotals, OptionalDouble> rate) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        r.byDay()
                .forEach((day, totals) -> rate.apply(totals)
                        .ifPresent(v -> s.getData().add(new XYChart.Data<>(day.toEpochDay(), v * 100))));
        return s;
    }

    private static XYChart.Series<Number, Number> line(String name, AnalyticsReport r, double fraction) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        s.getData().add(new XYChart.Data<>(r.period().from().toEpochDay(), fraction * 100));
        s.getData().add(new XYChart.Data<>(r.period().to().toEpochDay(), fraction * 100));
        return s;
    }

    /** Most first, at the top: a category axis draws its first category at the bottom. */
    private static XYChart.Series<Number, String> bars(
            String name, List<CountedName> counted, Function<String, String> label) {
        XYChart.Series<Number, String> s = new XYChart.Series<>();
        s.setName(name);
        List<CountedName> reversed = new ArrayList<>(counted);
        Collections.reverse(reversed);
        for (CountedName c : reversed) {
            s.getData().add(new XYChart.Data<>(c.count(), label.apply(c.name())));
        }
        return s;
    }

    private void clear() {
        cardValues.values().forEach(l -> l.setText("–"));
        bounceChipBox.getChildren().clear();
        complaintChipBox.getChildren().clear();
        for (XYChart<?, ?> c :
                List.of(volume, bounceRate, complaintRate, deliveryOpen, bouncingDomains, deferrals, bounceReasons)) {
            c.getData().clear();
        }
    }

    private String baseName() {
        String tenant = session.currentTenant()
                .map(Tenant::name)
                .orElse("client")
                .toLowerCase()
                .replaceAll("[^a-z0-9]+", "-");
        AnalyticsReport r = vm.report().get();
        return tenant
                + (r == null
                        ? ""
                        : "-" + r.period().from() + "-to-" + r.period().to());
    }

    private void exportCsv() {
        AnalyticsReport r = vm.report().get();
        if (r == null) {
            return;
        }
        File file = choose("Export the analytics as CSV", baseName() + ".csv", "CSV", "*.csv");
        if (file == null) {
            return;
        }
        Path target = file.toPath();
        runner.run(Task.of(
                "Exporting analytics",
                p -> {
                    Csv.write(target, AnalyticsCsv.table(r));
                    return target;
                },
                saved -> status.setText("Saved " + saved.getFileName()),
                e -> Dialogs.showError(shell.window(), "Could not export the analytics", e)));
    }

    private void exportPng(XYChart<?, ?> chart, String id) {
        File file = choose("Save the chart as PNG", baseName() + "-" + id + ".png", "PNG image", "*.png");
        if (file == null) {
            return;
        }
        // The snapshot must be taken on the FX thread; encoding and writing the file happen off it.
        BufferedImage image = SwingFXUtils.fromFXImage(chart.snapshot(null, null), null);
        Path target = file.toPath();
        runner.run(Task.of(
                "Saving a chart",
                p -> {
                    ImageIO.write(image, "png", target.toFile());
                    return target;
                },
                saved -> status.setText("Saved " + saved.getFileName()),
                e -> Dialogs.showError(shell.window(), "Could not save the chart", e)));
    }

    private File choose(String title, String name, String what, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        return chooser.showSaveDialog(shell.window());
    }
}
