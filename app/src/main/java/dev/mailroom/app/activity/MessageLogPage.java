package dev.mailroom.app.activity;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.common.Tables;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.activity.BounceReason;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.MessageLogQuery;
import dev.mailroom.model.activity.MessageSummary;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.tenants.Tenant;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Tenant › Message log: find a message by recipient, subject, Message-ID, status and date; its
 * timeline below. Searches run in the background a page at a time ("Load more" fetches the next).
 */
public final class MessageLogPage implements Page {
    private final Session session;
    private final BackgroundRunner runner;
    private final Shell shell;
    private final VBox root = new VBox(10);
    private final TextField recipient = new TextField();
    private final TextField subject = new TextField();
    private final TextField messageId = new TextField();
    private final ComboBox<Optional<EventType>> status = new ComboBox<>();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final ObservableList<MessageSummary> rows = FXCollections.observableArrayList();
    private final TableView<MessageSummary> table = new TableView<>(rows);
    private final ObservableList<Event> events = FXCollections.observableArrayList();
    private final TableView<Event> timeline = new TableView<>(events);
    private final Label timelineTitle = new Label("Select a message to see what happened to it.");
    private final Label shown = new Label();
    private final Button more = new Button("Load _more");
    private final ProgressIndicator busy = new ProgressIndicator();
    private Optional<dev.mailroom.model.activity.MessageLogResults.Cursor> next = Optional.empty();
    private MessageLogQuery lastQuery;
    /** Results of an older search arriving late are dropped. */
    private int generation;

    public MessageLogPage(Session session, BackgroundRunner runner, Shell shell) {
        this.session = session;
        this.runner = runner;
        this.shell = shell;
        recipient.setId("log-recipient");
        recipient.setPromptText("Recipient");
        subject.setId("log-subject");
        subject.setPromptText("Subject contains");
        messageId.setId("log-message-id");
        messageId.setPromptText("Message-ID");
        status.setId("log-status");
        status.getItems().add(Optional.empty());
        for (EventType t : EventType.values()) {
            status.getItems().add(Optional.of(t));
        }
        status.setValue(Optional.empty());
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
        from.setId("log-from");
        to.setId("log-to");
        from.setPrefWidth(140);
        to.setPrefWidth(140);
        from.setMinWidth(140);
        to.setMinWidth(140);
        status.setMinWidth(Region.USE_PREF_SIZE);
        LocalDate today = today();
        from.setValue(today.minusDays(30));
        to.setValue(today);
        Button search = new Button("_Search", Icons.filter());
        search.setId("log-search");
        search.setDefaultButton(true);
        search.setOnAction(e -> search());
        for (TextField f : List.of(recipient, subject, messageId)) {
            f.setOnAction(e -> search());
            HBox.setHgrow(f, Priority.ALWAYS);
            f.setMinWidth(110);
            f.setPrefWidth(180);
        }
        search.setMinWidth(Region.USE_PREF_SIZE);
        busy.setMaxSize(18, 18);
        busy.setVisible(false);
        Label until = new Label("to");
        until.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, recipient, subject, messageId, status, from, until, to, search, busy);
        bar.setAlignment(Pos.CENTER_LEFT);

        table.setId("log-table");
        table.getColumns().add(Tables.text("Sent", m -> Formats.exact(m.firstAt()), 190));
        table.getColumns().add(Tables.text("Recipient", MessageSummary::recipient, 210));
        table.getColumns().add(Tables.text("Subject", m -> m.subject().orElse("—"), 220));
        table.getColumns().add(statusColumn());
        table.getColumns().add(Tables.text("Events", m -> Integer.toString(m.events()), 75));
        table.getColumns().add(Tables.text("Message-ID", MessageSummary::messageId, 150));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(Tables.emptyState(
                "No messages found",
                "Nothing this client sent matches the search in this period. Widen the dates or clear a field."));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, m) -> showTimeline(m));

        more.setId("log-more");
        more.setOnAction(e -> loadMore());
        more.setVisible(false);
        shown.setId("log-shown");
        shown.getStyleClass().add("text-muted");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox footer = new HBox(8, shown, gap, more);
        footer.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, table, footer);
        VBox.setVgrow(table, Priority.ALWAYS);

        timeline.setId("log-timeline");
        timeline.getColumns().add(Tables.text("When", e -> Formats.exact(e.at()), 190));
        timeline.getColumns().add(eventColumn());
        timeline.getColumns()
                .add(Tables.text(
                        "SMTP reply",
                        e -> e.details().smtpReply().isPresent()
                                ? Integer.toString(e.details().smtpReply().getAsInt())
                                : "",
                        80));
        timeline.getColumns()
                .add(Tables.text(
                        "Status code",
                        e -> e.details().status().map(Object::toString).orElse(""),
                        90));
        timeline.getColumns()
                .add(Tables.text(
                        "Reason",
                        e -> e.type().isBounce() ? BounceReason.of(e.details()).label() : "",
                        150));
        timeline.getColumns()
                .add(Tables.text("What the server said", e -> e.details().diagnostic(), 420));
        timeline.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        timeline.setPlaceholder(new Label("No message selected."));
        timelineTitle.setId("log-timeline-title");
        timelineTitle.getStyleClass().add("field-label");
        VBox bottom = new VBox(6, timelineTitle, timeline);
        VBox.setVgrow(timeline, Priority.ALWAYS);

        SplitPane split = new SplitPane(top, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        VBox.setVgrow(split, Priority.ALWAYS);
        root.getChildren()
                .setAll(
                        PageHeader.of(
                                "Message log",
                                "Every message this client sent, and what happened to it. Newest first."),
                        bar,
                        split);
        root.getStyleClass().add("page");
        session.currentTenantProperty().addListener((o, was, t) -> {
            rows.clear();
            events.clear();
            refresh();
        });
    }

    private static String label(EventType t) {
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
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().status()));
        c.setCellFactory(x -> chipCell());
        c.setPrefWidth(130);
        return c;
    }

    private TableColumn<Event, EventType> eventColumn() {
        TableColumn<Event, EventType> c = new TableColumn<>("Event");
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().type()));
        c.setCellFactory(x -> chipCell());
        c.setPrefWidth(120);
        return c;
    }

    private Optional<TenantId> tenant() {
        return session.currentTenant().map(Tenant::id);
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
        search();
    }

    private Optional<MessageLogQuery> query() {
        LocalDate a = from.getValue() == null ? today().minusDays(30) : from.getValue();
        LocalDate b = to.getValue() == null ? today() : to.getValue();
        if (b.isBefore(a)) {
            shown.setText("The period ends before it starts.");
            return Optional.empty();
        }
        ZoneId zone = ZoneId.systemDefault();
        Instant start = a.atStartOfDay(zone).toInstant();
        Instant end = b.plusDays(1).atStartOfDay(zone).toInstant();
        return Optional.of(new MessageLogQuery(
                recipient.getText(),
                subject.getText(),
                messageId.getText(),
                status.getValue() == null ? Optional.empty() : status.getValue(),
                start,
                end));
    }

    private void search() {
        Optional<MessageLogQuery> q = query(); // first: it explains a period that ends before it starts
        Optional<TenantId> t = tenant();
        if (t.isPresent() && q.isPresent()) {
            lastQuery = q.orElseThrow();
            run(t.orElseThrow(), lastQuery, Optional.empty(), true);
        }
    }

    private void loadMore() {
        if (lastQuery != null && next.isPresent()) {
            tenant().ifPresent(t -> run(t, lastQuery, next, false));
        }
    }

    private void run(
            TenantId t,
            MessageLogQuery q,
            Optional<dev.mailroom.model.activity.MessageLogResults.Cursor> after,
            boolean fresh) {
        int mine = ++generation;
        busy.setVisible(true);
        more.setDisable(true);
        runner.run(Task.of(
                        "Searching the message log",
                        p -> session.services().messageLog().search(session.actor(), t, q, after),
                        page -> {
                            if (mine != generation) {
                                return;
                            }
                            busy.setVisible(false);
                            more.setDisable(false);
                            if (fresh) {
                                // Cleared first: a selection carried over to the new rows would open a timeline
                                // unasked.
                                table.getSelectionModel().clearSelection();
                                rows.setAll(page.messages());
                                events.clear();
                                timelineTitle.setText("Select a message to see what happened to it.");
                            } else {
                                rows.addAll(page.messages());
                            }
                            next = page.next();
                            more.setVisible(next.isPresent());
                            shown.setText(Formats.count(rows.size())
                                    + (rows.size() == 1 ? " message" : " messages")
                                    + (next.isPresent() ? " shown; more match." : "."));
                        },
                        e -> {
                            busy.setVisible(false);
                            more.setDisable(false);
                            Dialogs.showError(shell.window(), "Could not search the message log", e);
                        })
                .withCancel());
    }

    private void showTimeline(MessageSummary m) {
        Optional<TenantId> current = tenant();
        if (m == null || current.isEmpty()) {
            events.clear();
            return;
        }
        TenantId t = current.orElseThrow();
        timelineTitle.setText("Timeline of " + m.messageId() + " to " + m.recipient());
        Tooltip.install(timelineTitle, new Tooltip(m.subject().orElse("")));
        runner.run(Task.of(
                "Reading the message's timeline",
                p -> session.services().messageLog().timeline(session.actor(), t, m.messageId()),
                list -> {
                    MessageSummary selected = table.getSelectionModel().getSelectedItem();
                    if (selected != null && selected.messageId().equals(m.messageId())) {
                        events.setAll(list);
                    }
                },
                e -> Dialogs.showError(shell.window(), "Could not read the timeline", e)));
    }

    /** Today in the person's own time zone, from the console's clock. */
    private LocalDate today() {
        return LocalDate.ofInstant(session.services().clock().instant(), java.time.ZoneId.systemDefault());
    }
}
