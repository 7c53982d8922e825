package dev.mailroom.app.activity;

import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.ColumnPicker;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.common.Tables;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.model.activity.BounceReason;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.MessageSummary;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Tenant › Message log: find a message by recipient, subject, Message-ID, status and date; its
 * timeline below. It builds the nodes and binds them to its {@link MessageLogViewModel}; the columns
 * shown follow the table's width until the person picks them in the Columns menu (kept for them).
 */
public final class MessageLogPage implements Page {
    private final MessageLogViewModel vm;
    private final VBox root = new VBox(10);
    private final TextField recipient = new TextField();

    public MessageLogPage(MessageLogViewModel vm) {
        this.vm = vm;
        recipient.setId("log-recipient");
        recipient.setPromptText("Recipient");
        recipient.textProperty().bindBidirectional(vm.recipient());
        TextField subject = new TextField();
        subject.setId("log-subject");
        subject.setPromptText("Subject contains");
        subject.textProperty().bindBidirectional(vm.subject());
        TextField messageId = new TextField();
        messageId.setId("log-message-id");
        messageId.setPromptText("Message-ID");
        messageId.textProperty().bindBidirectional(vm.messageId());
        ComboBox<Optional<EventType>> status = new ComboBox<>();
        status.setId("log-status");
        status.getItems().add(Optional.empty());
        for (EventType t : EventType.values()) {
            status.getItems().add(Optional.of(t));
        }
        status.valueProperty().bindBidirectional(vm.status());
        status.setConverter(new StringConverter<>() {
            @Override
            public String toString(Optional<EventType> t) {
                return t == null ? "Any status" : t.map(MessageLogPage::label).orElse("Any status");
            }

            @Override
            public Optional<EventType> fromString(String s) {
                return Optional.empty();
            }
        });
        DatePicker from = new DatePicker();
        DatePicker to = new DatePicker();
        from.setId("log-from");
        to.setId("log-to");
        from.valueProperty().bindBidirectional(vm.from());
        to.valueProperty().bindBidirectional(vm.to());
        for (DatePicker d : List.of(from, to)) {
            d.setPrefWidth(140);
            d.setMinWidth(140);
        }
        status.setMinWidth(Region.USE_PREF_SIZE);
        Button search = new Button("_Search", Icons.filter());
        search.setId("log-search");
        search.setDefaultButton(true);
        search.setOnAction(e -> vm.search());
        for (TextField f : List.of(recipient, subject, messageId)) {
            f.setOnAction(e -> vm.search());
            HBox.setHgrow(f, Priority.ALWAYS);
            f.setMinWidth(110);
            f.setPrefWidth(180);
        }
        search.setMinWidth(Region.USE_PREF_SIZE);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setMaxSize(18, 18);
        busy.visibleProperty().bind(vm.busy());
        Label until = new Label("to");
        until.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, recipient, subject, messageId, status, from, until, to, search, busy);
        bar.setAlignment(Pos.CENTER_LEFT);

        TableView<MessageSummary> table = new TableView<>(vm.rows());
        table.setId("log-table");
        table.getColumns().add(withTip(Tables.text("Sent", m -> Formats.exact(m.firstAt()), 0), "sent", m -> null));
        table.getColumns()
                .add(withTip(
                        Tables.text("Recipient", MessageSummary::recipient, 0),
                        "recipient",
                        MessageSummary::recipient));
        table.getColumns()
                .add(withTip(
                        Tables.text("Subject", m -> m.subject().orElse("—"), 0),
                        "subject",
                        m -> m.subject().orElse(null)));
        table.getColumns().add(statusColumn());
        table.getColumns()
                .add(withTip(Tables.text("Events", m -> Integer.toString(m.events()), 0), "events", m -> null));
        table.getColumns()
                .add(withTip(
                        Tables.text("Message-ID", MessageSummary::messageId, 0),
                        "message-id",
                        MessageSummary::messageId));
        table.getColumns()
                .add(withTip(Tables.text("Recipient domain", MessageSummary::domain, 0), "domain", m -> null));
        table.getColumns()
                .add(withTip(Tables.text("Latest event", m -> Formats.exact(m.lastAt()), 0), "latest", m -> null));
        // Unconstrained: the columns shown fit the width; should the ones picked not, a scroll bar reaches them.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(Tables.emptyState(
                "No messages found",
                "Nothing this client sent matches the search in this period. Widen the dates or clear a field."));
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, m) -> vm.selected().set(m));
        vm.selected().addListener((o, was, m) -> {
            if (m == null) {
                table.getSelectionModel().clearSelection();
            }
        });
        MenuButton columns = ColumnPicker.of(table, vm.columns(), "subject");

        Button more = new Button("Load _more");
        more.setId("log-more");
        more.setOnAction(e -> vm.loadMore());
        more.visibleProperty().bind(vm.more());
        more.disableProperty().bind(vm.busy());
        Label shown = new Label();
        shown.setId("log-shown");
        shown.getStyleClass().add("text-muted");
        shown.textProperty().bind(vm.shown());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox footer = new HBox(8, shown, gap, more);
        footer.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, table, footer);
        VBox.setVgrow(table, Priority.ALWAYS);

        TableView<Event> timeline = new TableView<>(vm.events());
        timeline.setId("log-timeline");
        timeline.getColumns().add(Tables.text("When", e -> Formats.exact(e.at()), 200));
        timeline.getColumns().add(eventColumn());
        // Wide enough for their headings ("SMTP reply", "Status code"): nothing cut at 1280.
        timeline.getColumns()
                .add(Tables.text(
                        "SMTP reply",
                        e -> e.details().smtpReply().isPresent()
                                ? Integer.toString(e.details().smtpReply().getAsInt())
                                : "",
                        120));
        timeline.getColumns()
                .add(Tables.text(
                        "Status code",
                        e -> e.details().status().map(Object::toString).orElse(""),
                        124));
        timeline.getColumns()
                .add(Tables.text(
                        "Reason",
                        e -> e.type().isBounce() ? BounceReason.of(e.details()).label() : "",
                        140));
        TableColumn<Event, String> said =
                Tables.text("What the server said", e -> e.details().diagnostic(), 420);
        said.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isBlank() ? null : new Tooltip(text));
            }
        });
        timeline.getColumns().add(said);
        timeline.getColumns().forEach(c -> c.setMinWidth(Math.min(c.getPrefWidth(), 200)));
        timeline.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        timeline.setPlaceholder(new Label("No message selected."));
        Label timelineTitle = new Label();
        timelineTitle.setId("log-timeline-title");
        timelineTitle.getStyleClass().add("field-label");
        timelineTitle.textProperty().bind(vm.timelineTitle());
        Tooltip titleTip = new Tooltip();
        titleTip.textProperty().bind(vm.timelineTitle());
        timelineTitle.setTooltip(titleTip);
        VBox bottom = new VBox(6, timelineTitle, timeline);
        VBox.setVgrow(timeline, Priority.ALWAYS);
        timeline.getSelectionModel().selectedItemProperty().addListener((o, was, e) -> {
            if (e != null) {
                vm.selectedEvent().set(e);
            }
        });
        vm.selectedEvent().addListener((o, was, e) -> {
            if (e == null) {
                timeline.getSelectionModel().clearSelection();
            } else if (timeline.getSelectionModel().getSelectedItem() != e) {
                // After the table has taken the new timeline (the view model picks the event as it arrives).
                javafx.application.Platform.runLater(() -> {
                    if (vm.selectedEvent().get() == e) {
                        timeline.getSelectionModel().select(e);
                        timeline.scrollTo(e);
                    }
                });
            }
        });

        SplitPane split = new SplitPane(top, bottom, detailPane());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.42, 0.68);
        VBox.setVgrow(split, Priority.ALWAYS);
        root.getChildren()
                .setAll(
                        PageHeader.of(
                                "Message log",
                                "Every message this client sent, and what happened to it. Newest first.",
                                columns),
                        bar,
                        split);
        root.getStyleClass().add("page");
    }

    /**
     * The selected event's detail: a compact labelled list (a complaint's feedback report field by
     * field). Values wrap to the pane's width and the pane scrolls down, so nothing is cut at 1280.
     */
    /** A value longer than this gets a line of its own across the pane. */
    private static final int LONG_VALUE = 48;

    private Node detailPane() {
        Label title = new Label();
        title.setId("log-detail-title");
        title.getStyleClass().add("field-label");
        title.textProperty().bind(vm.detailTitle());
        GridPane grid = new GridPane();
        grid.setId("log-detail");
        grid.setVgap(4);
        // Two label–value pairs a line, in fixed shares of the width (wrapping values get no width from
        // their own text): the list stays short enough to read without scrolling.
        for (int i = 0; i < 2; i++) {
            ColumnConstraints labels = new ColumnConstraints();
            labels.setPercentWidth(17);
            ColumnConstraints values = new ColumnConstraints();
            values.setPercentWidth(33);
            values.setFillWidth(true);
            grid.getColumnConstraints().addAll(labels, values);
        }
        grid.setHgap(14);
        Runnable fill = () -> {
            grid.getChildren().clear();
            // Short values two pairs a line; long ones (authentication results, diagnostics) below, across the width.
            List<EventDetailRows.Row> short_ = vm.detail().stream()
                    .filter(r -> r.value().length() <= LONG_VALUE && !r.value().contains("\n"))
                    .toList();
            List<EventDetailRows.Row> long_ =
                    vm.detail().stream().filter(r -> !short_.contains(r)).toList();
            int half = (short_.size() + 1) / 2;
            int row = 0;
            for (EventDetailRows.Row r : vm.detail()) {
                Label name = new Label(r.label());
                name.getStyleClass().add("text-muted");
                name.setMinWidth(Region.USE_PREF_SIZE);
                Label value = new Label(r.value());
                value.setWrapText(true);
                value.setMaxWidth(Double.MAX_VALUE);
                value.setMinHeight(Region.USE_PREF_SIZE);
                if (r.absent()) {
                    value.getStyleClass().add("text-muted");
                } else {
                    value.setTooltip(new Tooltip(r.value()));
                }
                GridPane.setValignment(name, javafx.geometry.VPos.TOP);
                GridPane.setValignment(value, javafx.geometry.VPos.TOP);
                if (short_.contains(r)) {
                    // Left column first, then right: reading order stays top to bottom, left to right.
                    int i = short_.indexOf(r);
                    int col = i < half ? 0 : 2;
                    grid.add(name, col, i % half);
                    grid.add(value, col + 1, i % half);
                } else {
                    grid.add(name, 0, half + long_.indexOf(r));
                    grid.add(value, 1, half + long_.indexOf(r), 3, 1);
                }
                row++;
            }
        };
        vm.detail().addListener((javafx.collections.ListChangeListener<EventDetailRows.Row>) c -> fill.run());
        fill.run();
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        VBox box = new VBox(6, title, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        return box;
    }

    /** The column's id, and the whole value in a tooltip where a long one may not fit. */
    private static TableColumn<MessageSummary, String> withTip(
            TableColumn<MessageSummary, String> c, String id, Function<MessageSummary, String> tip) {
        c.setId(id);
        c.setCellFactory(x -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                MessageSummary row =
                        empty || getTableRow() == null ? null : getTableRow().getItem();
                String t = row == null ? null : tip.apply(row);
                setTooltip(t == null ? null : new Tooltip(t));
            }
        });
        return c;
    }

    static String label(EventType t) {
        String s = t.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static Chip.Tone tone(EventType t) {
        return switch (t) {
            case DELIVERED, SENT, OPENED, CLICKED -> Chip.Tone.SUCCESS;
            case DEFERRED, SOFT_BOUNCE, UNSUBSCRIBED -> Chip.Tone.WARNING;
            case HARD_BOUNCE, COMPLAINED -> Chip.Tone.DANGER;
            case QUEUED, REJECTED -> Chip.Tone.NEUTRAL;
        };
    }

    private static <T> TableCell<T, EventType> chipCell() {
        return new TableCell<>() {
            @Override
            protected void updateItem(EventType t, boolean empty) {
                super.updateItem(t, empty);
                setText(null);
                setGraphic(empty || t == null ? null : new Chip(label(t), tone(t)));
            }
        };
    }

    private TableColumn<MessageSummary, EventType> statusColumn() {
        TableColumn<MessageSummary, EventType> c = new TableColumn<>("Status");
        c.setId("status");
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().status()));
        c.setCellFactory(x -> chipCell());
        return c;
    }

    private TableColumn<Event, EventType> eventColumn() {
        TableColumn<Event, EventType> c = new TableColumn<>("Event");
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().type()));
        c.setCellFactory(x -> chipCell());
        c.setPrefWidth(120);
        c.setMinWidth(120);
        return c;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void focusFilter() {
        recipient.requestFocus();
    }

    @Override
    public void refresh() {
        vm.search();
    }
}
