package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Converters;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.common.Tables;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxService;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.tenants.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Tenant › Outbox: every message by state, and what a person may decide about it. */
public final class OutboxPage implements Page {
    private static final String ALL = "All states";

    private final Session session;
    private final BackgroundRunner runner;
    private final Shell shell;
    private final Runnable wakeSender;
    private final VBox root = new VBox(12);
    private final ObservableList<OutboxMessage> messages = FXCollections.observableArrayList();
    private final TableView<OutboxMessage> table = new TableView<>(messages);
    private final ComboBox<Object> state = new ComboBox<>();
    private final VBox detail = new VBox(10);
    private final Button send = new Button("_Send message…", Icons.send());
    /** Shown while the tenant has messages in doubt: a crash can leave a window of them, decided together. */
    private final Label inDoubtText = new Label();

    private final HBox inDoubtBar = new HBox(8);
    /** As last shown: the confirmation to send them again says how many. */
    private long inDoubtCount;

    private Instant now;
    /** Screenshot hooks ("send-dialog", "outbox-sent"): a demo send on first show; empty otherwise. */
    private Optional<String> demoSend = Optional.empty();

    /** With a screenshot hook from {@code --page}: see {@link dev.mailroom.app.demo.DemoSend}. */
    public OutboxPage(
            Session session, BackgroundRunner runner, Shell shell, Runnable wakeSender, Optional<String> page) {
        this(session, runner, shell, wakeSender);
        demoSend = page.filter(p -> p.equals("send-dialog") || p.equals("outbox-sent"));
    }

    public OutboxPage(Session session, BackgroundRunner runner, Shell shell, Runnable wakeSender) {
        this.session = session;
        this.now = session.services().clock().instant();
        this.runner = runner;
        this.shell = shell;
        this.wakeSender = wakeSender;
        send.setId("send-message");
        send.getStyleClass().add("accent");
        send.setOnAction(e -> newItem());

        state.setId("outbox-state");
        state.getItems().add(ALL);
        state.getItems().addAll(Arrays.asList(OutboxState.values()));
        state.setValue(ALL);
        state.setConverter(Converters.labelled(o -> o instanceof OutboxState s ? s.label() : ALL));
        state.valueProperty().addListener((o, was, v) -> refresh());

        table.setId("outbox-table");
        table.getColumns().add(Tables.text("Recipient", OutboxMessage::to, 220));
        table.getColumns().add(Tables.text("Subject", OutboxMessage::subject, 240));
        TableColumn<OutboxMessage, OutboxMessage> chip = new TableColumn<>("State");
        chip.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        chip.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(OutboxMessage m, boolean empty) {
                super.updateItem(m, empty);
                setGraphic(empty || m == null ? null : stateChip(m.state()));
            }
        });
        chip.setPrefWidth(110);
        chip.setMinWidth(100); // "Deferred" and "In doubt" chips were cut when the table shrank columns
        chip.setSortable(false);
        table.getColumns().add(chip);
        table.getColumns().add(Tables.text("Attempts", m -> Integer.toString(m.attempts()), 90));
        table.getColumns().get(table.getColumns().size() - 1).setMinWidth(90);
        table.getColumns().add(Tables.text("Next attempt", this::nextAttempt, 130));
        table.getColumns().get(table.getColumns().size() - 1).setMinWidth(125);
        table.getColumns()
                .add(Tables.text(
                        "Last reply",
                        m -> (m.lastReply().isPresent() ? m.lastReply().getAsInt() + " " : "") + m.note(),
                        360));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(emptyState());
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, m) -> renderDetail(Optional.ofNullable(m)));

        Label stateLabel = new Label("_State");
        stateLabel.setMnemonicParsing(true);
        stateLabel.setLabelFor(state);
        HBox filters = new HBox(8, stateLabel, state);
        filters.setAlignment(Pos.CENTER_LEFT);
        ScrollPane detailScroll = new ScrollPane(detail);
        detailScroll.setFitToWidth(true);
        detail.getStyleClass().add("detail-pane");
        SplitPane split = new SplitPane(table, detailScroll);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        VBox.setVgrow(split, Priority.ALWAYS);
        inDoubtText.setId("outbox-in-doubt-summary");
        inDoubtText.setWrapText(true);
        HBox.setHgrow(inDoubtText, Priority.ALWAYS);
        inDoubtText.setMaxWidth(Double.MAX_VALUE);
        Button resendAll = new Button("Send a_ll again…");
        resendAll.setId("outbox-resend-all");
        resendAll.setOnAction(e -> decideAllInDoubt(
                resendAll,
                inDoubtCount == 1
                        ? "Send the 1 message in doubt again?"
                        : "Send all " + inDoubtCount + " messages in doubt again?",
                "Any of them the relay accepted before Mailroom stopped will arrive a second time. Each keeps its "
                        + "Message-ID, so a receiving server that already has one can recognise the duplicate. "
                        + "Choose this when the relay's log shows they did not arrive.",
                "Send again",
                t -> session.services().outboxes().resendAllInDoubt(session.actor(), t)));
        Button markAll = new Button("Mar_k all sent…");
        markAll.setId("outbox-mark-all-sent");
        markAll.setOnAction(e -> decideAllInDoubt(
                markAll,
                "Record every message in doubt as sent?",
                "Choose this when the relay's log shows they were accepted. Nothing is sent.",
                "Mark sent",
                t -> session.services().outboxes().markAllInDoubtSent(session.actor(), t)));
        resendAll.setMinWidth(Region.USE_PREF_SIZE); // the text wraps; the buttons keep their labels
        markAll.setMinWidth(Region.USE_PREF_SIZE);
        inDoubtBar.getChildren().setAll(inDoubtText, resendAll, markAll);
        inDoubtBar.setAlignment(Pos.CENTER_LEFT);
        inDoubtBar.setId("outbox-in-doubt");
        inDoubtBar.getStyleClass().add("warning-note");
        inDoubtBar.managedProperty().bind(inDoubtBar.visibleProperty());
        inDoubtBar.setVisible(false);
        root.getChildren()
                .setAll(
                        PageHeader.of(
                                "Outbox",
                                "Every message is stored here before it is sent, " + "and stays with its outcome.",
                                send),
                        filters,
                        inDoubtBar,
                        split);
        root.getStyleClass().add("page");
        session.currentTenantProperty().addListener((o, was, t) -> refresh());
        renderDetail(Optional.empty());
    }

    static Chip stateChip(OutboxState s) {
        Chip.Tone tone = switch (s) {
            case SENT -> Chip.Tone.SUCCESS;
            case DEFERRED, IN_DOUBT, SENDING, TRANSMITTING -> Chip.Tone.WARNING;
            case FAILED, REJECTED -> Chip.Tone.DANGER;
            case QUEUED -> Chip.Tone.ACCENT;
            case CANCELLED -> Chip.Tone.NEUTRAL;
        };
        return new Chip(s.label(), tone);
    }

    private String nextAttempt(OutboxMessage m) {
        if (m.state() != OutboxState.DEFERRED && m.state() != OutboxState.QUEUED) {
            return "—";
        }
        return in(Duration.between(now, m.nextAttemptAt()));
    }

    /** "now", "in 3 min", "in 2 h": the person wants to know roughly when, not the instant. */
    static String in(Duration d) {
        long s = d.getSeconds();
        if (s < 30) {
            return "now";
        } else if (s < 3600) {
            return "in " + Math.max(1, Math.round(s / 60.0)) + " min";
        } else if (s < 48 * 3600) {
            return "in " + Math.round(s / 3600.0) + " h";
        }
        return "in " + Math.round(s / 86400.0) + " days";
    }

    private VBox emptyState() {
        return Tables.emptyState(
                "Nothing in the outbox",
                "Messages appear here as soon as they are queued, and stay with their outcome. "
                        + "Send one with \"Send message…\" (Ctrl+N); it needs a connection and a sending domain whose DKIM key signs.");
    }

    private Optional<TenantId> tenant() {
        return session.currentTenant().map(Tenant::id);
    }

    @Override
    public Node root() {
        return root;
    }

    /** The demo send for a screenshot: in the dialog, or queued directly with the page refreshed once it has gone part-way. */
    private void startDemoSend(TenantId t) {
        String hook = demoSend.get();
        demoSend = Optional.empty();
        runner.run(Task.of(
                "Preparing the demo send",
                p -> dev.mailroom.app.demo.DemoSend.prepare(session.services(), session.actor(), t),
                request -> {
                    if (hook.equals("send-dialog")) {
                        SendDialog.showSending(shell.window(), session, runner, t, wakeSender, request);
                        return;
                    }
                    runner.run(Task.of(
                            "Sending",
                            p -> session.services().send().send(session.actor(), request),
                            r -> {
                                wakeSender.run();
                                refresh();
                                // Then a few more looks while the sender works through it.
                                javafx.animation.Timeline later =
                                        new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                                                javafx.util.Duration.seconds(1.5), e -> refresh()));
                                later.setCycleCount(4);
                                later.play();
                            },
                            e -> Dialogs.showError(shell.window(), "Could not send", e)));
                },
                e -> Dialogs.showError(shell.window(), "Could not prepare the demo send", e)));
    }

    @Override
    public void refresh() {
        Optional<TenantId> t = tenant();
        if (demoSend.isPresent() && t.isPresent()) {
            startDemoSend(t.get());
        }
        boolean maySend =
                t.map(id -> session.access().may(id, Permission.SENDING)).orElse(false);
        send.setDisable(!maySend);
        if (t.isEmpty()) {
            messages.clear();
            return;
        }
        Optional<OutboxState> filter = state.getValue() instanceof OutboxState s ? Optional.of(s) : Optional.empty();
        Optional<OutboxMessage> selected =
                Optional.ofNullable(table.getSelectionModel().getSelectedItem());
        runner.run(Task.of(
                "Loading the outbox",
                p -> new Loaded(
                        session.services().outboxes().list(session.actor(), t.get(), filter),
                        session.services()
                                .outboxes()
                                .counts(session.actor(), t.get())
                                .getOrDefault(OutboxState.IN_DOUBT, 0L)),
                loaded -> {
                    List<OutboxMessage> list = loaded.messages();
                    now = session.services().clock().instant();
                    messages.setAll(list);
                    showInDoubt(loaded.inDoubt());
                    selected.flatMap(s -> list.stream()
                                    .filter(m -> m.id().equals(s.id()))
                                    .findFirst())
                            .ifPresent(table.getSelectionModel()::select);
                    if (list.size() >= OutboxService.LIST_LIMIT) {
                        table.setTooltip(new javafx.scene.control.Tooltip("The newest " + OutboxService.LIST_LIMIT
                                + " are shown; filter by state to see others."));
                    }
                },
                e -> Dialogs.showError(shell.window(), "Could not load the outbox", e)));
    }

    private record Loaded(List<OutboxMessage> messages, long inDoubt) {}

    private void showInDoubt(long count) {
        inDoubtCount = count;
        inDoubtBar.setVisible(count > 0);
        inDoubtText.setText(
                count == 1
                        ? "1 message is in doubt: Mailroom stopped while handing it to the relay."
                        : count + " messages are in doubt: Mailroom stopped while handing them to the relay. "
                                + "Check the relay's log, then decide for all of them at once, or select one below.");
    }

    private void decideAllInDoubt(
            Button button,
            String header,
            String body,
            String confirm,
            java.util.function.Function<TenantId, Integer> decision) {
        Optional<TenantId> t = tenant();
        if (t.isEmpty() || !Dialogs.confirm(shell.window(), header, body, confirm)) {
            return;
        }
        button.setDisable(true);
        runner.run(Task.of(
                header.replace("?", ""),
                p -> decision.apply(t.get()),
                n -> {
                    button.setDisable(false);
                    wakeSender.run();
                    refresh();
                },
                err -> {
                    button.setDisable(false);
                    Dialogs.showError(shell.window(), "Could not decide the messages in doubt", err);
                }));
    }

    @Override
    public void newItem() {
        tenant().filter(t -> session.access().may(t, Permission.SENDING)).ifPresent(t -> {
            SendDialog.show(shell.window(), session, runner, t, wakeSender);
            refresh();
        });
    }

    private void renderDetail(Optional<OutboxMessage> selected) {
        if (selected.isEmpty()) {
            Label none = new Label("Select a message to see why it is in its state and what can be done.");
            none.getStyleClass().add("text-muted");
            detail.getChildren().setAll(none);
            return;
        }
        OutboxMessage m = selected.get();
        Label to = new Label(m.to());
        to.getStyleClass().add("title-3");
        HBox title = new HBox(10, to, stateChip(m.state()));
        title.setAlignment(Pos.CENTER_LEFT);
        Label facts = new Label("From " + m.fromAddress() + "  ·  " + m.subject() + "  ·  Message-ID " + m.messageId()
                + "  ·  " + m.attempts() + " attempt(s)"
                + m.sentAt().map(s -> "  ·  sent " + s).orElse(""));
        facts.setWrapText(true);
        Label note = new Label(m.note());
        note.setWrapText(true);
        detail.getChildren().setAll(title, facts);
        if (!m.note().isBlank()) {
            detail.getChildren().add(note);
        }
        boolean mayAct = session.access().may(m.tenant(), Permission.SENDING);
        HBox actions = new HBox(8);
        actions.setAlignment(Pos.CENTER_LEFT);
        if (mayAct && m.state() == OutboxState.DEFERRED) {
            actions.getChildren()
                    .add(action(
                            "outbox-retry",
                            "_Retry now",
                            "Retrying",
                            () -> session.services().outboxes().retryNow(session.actor(), m.tenant(), m.id())));
        }
        if (mayAct
                && (m.state() == OutboxState.QUEUED
                        || m.state() == OutboxState.DEFERRED
                        || m.state() == OutboxState.IN_DOUBT)) {
            actions.getChildren()
                    .add(action(
                            "outbox-cancel",
                            "_Cancel message",
                            "Cancelling",
                            () -> session.services().outboxes().cancel(session.actor(), m.tenant(), m.id())));
        }
        if (m.state() == OutboxState.IN_DOUBT) {
            Label explain =
                    new Label("In doubt means Mailroom stopped while this message was being handed to the relay. "
                            + "The relay may have accepted it, or not. Look in the recipient's mailbox or the relay's log for "
                            + m.messageId()
                            + ". If it is not there, send it again: it keeps the same Message-ID, so a receiving "
                            + "server can recognise a duplicate. If it is there, mark it sent.");
            explain.setId("in-doubt-explanation");
            explain.setWrapText(true);
            explain.getStyleClass().add("callout");
            detail.getChildren().add(explain);
            if (mayAct) {
                actions.getChildren()
                        .add(action(
                                "outbox-resend",
                                "Send _again (same Message-ID)",
                                "Sending again",
                                () -> session.services()
                                        .outboxes()
                                        .resendInDoubt(session.actor(), m.tenant(), m.id())));
                actions.getChildren()
                        .add(action(
                                "outbox-mark-sent",
                                "_Mark sent",
                                "Marking sent",
                                () -> session.services()
                                        .outboxes()
                                        .markInDoubtSent(session.actor(), m.tenant(), m.id())));
            }
        }
        if (!actions.getChildren().isEmpty()) {
            detail.getChildren().add(actions);
        } else if (!mayAct) {
            Label why = new Label(
                    "Your role lets you see the outbox; retrying, cancelling and resolving need the Sending permission.");
            why.getStyleClass().add("text-muted");
            detail.getChildren().add(why);
        }
    }

    private Button action(String id, String label, String title, java.util.function.Supplier<OutboxMessage> work) {
        Button b = new Button(label);
        b.setId(id);
        b.setOnAction(e -> {
            b.setDisable(true);
            runner.run(Task.of(
                    title,
                    p -> work.get(),
                    done -> {
                        wakeSender.run();
                        refresh();
                    },
                    err -> {
                        b.setDisable(false);
                        Dialogs.showError(shell.window(), title + " failed", err);
                    }));
        });
        return b;
    }
}
