package dev.mailroom.app.activity;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.ColumnChoice;
import dev.mailroom.app.common.ColumnChoice.Column;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.UiSettings;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.MessageLogQuery;
import dev.mailroom.model.activity.MessageLogResults;
import dev.mailroom.model.activity.MessageLogService;
import dev.mailroom.model.activity.MessageSummary;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Tenant › Message log without a window: the search fields, the messages found a page at a time ("Load
 * more"), the selected message's timeline, and which columns show ({@link #columns()}, kept per user).
 * Searches and timelines run through the runner; their errors go to its default path.
 */
public final class MessageLogViewModel {
    static final String PICK = "Select a message to see what happened to it.";

    /** The message table's columns in the table's order; the ids are the TableColumns' ids. */
    static final List<Column> COLUMNS = List.of(
            Column.required("sent", "Sent", 200), // "Dec 4, 2026, 12:37:45 PM" whole
            Column.required("recipient", "Recipient", 220),
            Column.of("subject", "Subject", 240, 2),
            Column.of("status", "Status", 130, 1),
            Column.of("events", "Events", 80, 4),
            Column.of("message-id", "Message-ID", 180, 3),
            Column.of("domain", "Recipient domain", 160, 5),
            Column.of("latest", "Latest event", 200, ColumnChoice.ONLY_WHEN_PICKED));

    private final MessageLogService log;
    private final BackgroundRunner runner;
    private final Actor actor;
    private final Clock clock;
    private final ZoneId zone;
    private final ColumnChoice columns;

    private final ObjectProperty<TenantId> tenant = new SimpleObjectProperty<>();
    private final StringProperty recipient = new SimpleStringProperty("");
    private final StringProperty subject = new SimpleStringProperty("");
    private final StringProperty messageId = new SimpleStringProperty("");
    private final ObjectProperty<Optional<EventType>> status = new SimpleObjectProperty<>(Optional.empty());
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final ObservableList<MessageSummary> rows = FXCollections.observableArrayList();
    private final ObservableList<Event> events = FXCollections.observableArrayList();
    private final ObjectProperty<MessageSummary> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper timelineTitle = new ReadOnlyStringWrapper(PICK);
    private final ObjectProperty<Event> selectedEvent = new SimpleObjectProperty<>();
    private final ObservableList<EventDetailRows.Row> detail = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper(EventDetailRows.PICK);
    private final ReadOnlyStringWrapper shown = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper more = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private Optional<MessageLogResults.Cursor> next = Optional.empty();
    private MessageLogQuery lastQuery;
    /** Results of an older search arriving late are dropped. */
    private int generation;

    /** @param zone the person's time zone: the dates they pick are days there */
    public MessageLogViewModel(
            MessageLogService log,
            BackgroundRunner runner,
            Actor actor,
            Clock clock,
            ZoneId zone,
            UiSettings settings) {
        this.log = log;
        this.runner = runner;
        this.actor = actor;
        this.clock = clock;
        this.zone = zone;
        this.columns = new ColumnChoice(
                "message-log", COLUMNS, settings, actor.realPerson().id(), runner);
        LocalDate today = today();
        from.set(today.minusDays(30));
        to.set(today);
        selected.addListener((o, was, m) -> showTimeline(m));
        selectedEvent.addListener((o, was, e) -> showDetail(e));
        events.addListener((javafx.collections.ListChangeListener<Event>) c -> {
            if (!events.contains(selectedEvent.get())) {
                selectedEvent.set(EventDetailRows.worthShowing(events).orElse(null));
            }
        });
        tenant.addListener((o, was, now) -> {
            rows.clear();
            events.clear();
            search();
        });
    }

    public ColumnChoice columns() {
        return columns;
    }

    /** The tenant whose messages are searched (the current one); changing it searches again. */
    public ObjectProperty<TenantId> tenant() {
        return tenant;
    }

    public StringProperty recipient() {
        return recipient;
    }

    public StringProperty subject() {
        return subject;
    }

    public StringProperty messageId() {
        return messageId;
    }

    /** Empty: any status. */
    public ObjectProperty<Optional<EventType>> status() {
        return status;
    }

    public ObjectProperty<LocalDate> from() {
        return from;
    }

    public ObjectProperty<LocalDate> to() {
        return to;
    }

    public ObservableList<MessageSummary> rows() {
        return rows;
    }

    public ObservableList<Event> events() {
        return events;
    }

    /** The message whose timeline shows; the table's selection binds to it. */
    public ObjectProperty<MessageSummary> selected() {
        return selected;
    }

    /**
     * The timeline event whose detail shows; the timeline's selection binds to it. A new timeline
     * selects its complaint (else its latest event), so a complaint's report shows without a click.
     */
    public ObjectProperty<Event> selectedEvent() {
        return selectedEvent;
    }

    /** The selected event's detail as labelled lines; for a complaint, its feedback report's fields. */
    public ObservableList<EventDetailRows.Row> detail() {
        return detail;
    }

    public ReadOnlyStringProperty detailTitle() {
        return detailTitle.getReadOnlyProperty();
    }

    private void showDetail(Event e) {
        detail.setAll(e == null ? List.of() : EventDetailRows.of(e, zone));
        detailTitle.set(e == null ? EventDetailRows.PICK : EventDetailRows.title(e));
    }

    public ReadOnlyStringProperty timelineTitle() {
        return timelineTitle.getReadOnlyProperty();
    }

    /** "100 messages shown; more match.", or why nothing was searched. */
    public ReadOnlyStringProperty shown() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty more() {
        return more.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busy() {
        return busy.getReadOnlyProperty();
    }

    /** Today in the person's own time zone, from the console's clock. */
    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    Optional<MessageLogQuery> query() {
        LocalDate a = from.get() == null ? today().minusDays(30) : from.get();
        LocalDate b = to.get() == null ? today() : to.get();
        if (b.isBefore(a)) {
            shown.set("The period ends before it starts.");
            return Optional.empty();
        }
        return Optional.of(new MessageLogQuery(
                recipient.get(),
                subject.get(),
                messageId.get(),
                status.get() == null ? Optional.empty() : status.get(),
                a.atStartOfDay(zone).toInstant(),
                b.plusDays(1).atStartOfDay(zone).toInstant()));
    }

    /** A new search from the first page. */
    public void search() {
        Optional<MessageLogQuery> q = query(); // first: it explains a period that ends before it starts
        if (tenant.get() != null && q.isPresent()) {
            lastQuery = q.orElseThrow();
            run(tenant.get(), lastQuery, Optional.empty(), true);
        }
    }

    /** The next page of the last search. */
    public void loadMore() {
        if (lastQuery != null && next.isPresent() && tenant.get() != null) {
            run(tenant.get(), lastQuery, next, false);
        }
    }

    private void run(TenantId t, MessageLogQuery q, Optional<MessageLogResults.Cursor> after, boolean fresh) {
        int mine = ++generation;
        busy.set(true);
        Task<MessageLogResults> task =
                Task.of("Searching the message log", p -> log.search(actor, t, q, after), page -> {
                    if (mine != generation) {
                        return;
                    }
                    busy.set(false);
                    if (fresh) {
                        // Cleared first: a selection carried over to the new rows would open a timeline unasked.
                        selected.set(null);
                        rows.setAll(page.messages());
                        events.clear();
                        timelineTitle.set(PICK);
                    } else {
                        rows.addAll(page.messages());
                    }
                    next = page.next();
                    more.set(next.isPresent());
                    shown.set(Formats.count(rows.size())
                            + (rows.size() == 1 ? " message" : " messages")
                            + (next.isPresent() ? " shown; more match." : "."));
                });
        runner.run(new Task<>(task.title(), true, task.work(), task.onSuccess(), e -> {
            if (mine == generation) {
                busy.set(false);
            }
            task.errorHandler(runner.reporter()).accept(e);
        }));
    }

    private void showTimeline(MessageSummary m) {
        TenantId t = tenant.get();
        if (m == null || t == null) {
            events.clear();
            timelineTitle.set(PICK);
            return;
        }
        timelineTitle.set("Timeline of " + m.messageId() + " to " + m.recipient());
        runner.run(Task.of("Reading the message's timeline", p -> log.timeline(actor, t, m.messageId()), list -> {
            MessageSummary now = selected.get();
            if (now != null && now.messageId().equals(m.messageId())) {
                events.setAll(list);
            }
        }));
    }
}
