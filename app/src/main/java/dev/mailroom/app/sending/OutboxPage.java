package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
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
import java.util.Arrays;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
import javafx.scene.control.TextField;
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
    private final OutboxViewModel vm;
    private final TableView<OutboxMessage> table;
    private final ComboBox<Object> state = new ComboBox<>();
    private final VBox detail = new VBox(10);
    private final Button send = new Button("_Send message…", Icons.send());
    /** Shown while the tenant has messages in doubt: a crash can leave a window of them, decided together. */
    private final Label inDoubtText = new Label();

    private final HBox inDoubtBar = new HBox(8);
    /** Something to do once, the first time the page shows a tenant; nothing unless a launcher asks. */
    private FirstShow firstShow;

    /**
     * A one-time action when the page first shows a tenant (the {@code --demo} screenshot send in
     * {@code app.demo}), given a way to reload the page.
     */
    @FunctionalInterface
    public interface FirstShow {
        void run(TenantId tenant, Runnable refreshPage);
    }

    public OutboxPage(Session session, BackgroundRunner runner, Shell shell, Runnable wakeSender, FirstShow firstShow) {
        this(session, runner, shell, wakeSender);
        this.firstShow = firstShow;
    }

    /**
     * The table's columns: at 1280 wide the recipient, state, time, subject and last reply show (the subject
     * takes the room left); Next attempt, mostly "—", is in the Columns menu until the table is wider.
     */
    static final java.util.List<dev.mailroom.app.common.ColumnChoice.Column> COLUMNS = java.util.List.of(
            dev.mailroom.app.common.ColumnChoice.Column.required("recipient", "Recipient", 240),
            dev.mailroom.app.common.ColumnChoice.Column.of("subject", "Subject", 240, 2),
            dev.mailroom.app.common.ColumnChoice.Column.of("state", "State", 110, 1),
            dev.mailroom.app.common.ColumnChoice.Column.of("when", "When", 240, 1), // "sent 13 days ago · 1 attempt"
            dev.mailroom.app.common.ColumnChoice.Column.of("next-attempt", "Next attempt", 125, 4),
            dev.mailroom.app.common.ColumnChoice.Column.of("last-reply", "Last reply", 170, 3));

    public OutboxPage(Session session, BackgroundRunner runner, Shell shell, Runnable wakeSender) {
        this.session = session;
        this.runner = runner;
        this.shell = shell;
        this.wakeSender = wakeSender;
        this.vm = new OutboxViewModel(
                session.services().outboxes(),
                session.services().inDoubtChecks(),
                session.actor(),
                runner,
                session.services().clock(),
                (tenant, permission) -> session.access().may(tenant, permission),
                wakeSender);
        this.table = new TableView<>(vm.shown());
        vm.onLoaded(list -> {
            Optional<OutboxMessage> selected =
                    Optional.ofNullable(table.getSelectionModel().getSelectedItem());
            selected.flatMap(s ->
                            list.stream().filter(m -> m.id().equals(s.id())).findFirst())
                    .ifPresent(table.getSelectionModel()::select);
        });
        send.setId("send-message");
        send.getStyleClass().add("accent");
        send.setOnAction(e -> newItem());

        state.setId("outbox-state");
        state.getItems().add(ALL);
        state.getItems().addAll(Arrays.asList(OutboxState.values()));
        state.setValue(ALL);
        state.setConverter(Converters.labelled(o -> o instanceof OutboxState s ? s.label() : ALL));
        state.valueProperty().addListener((o, was, v) -> {
            vm.state().set(v instanceof OutboxState s ? s : null);
            refresh();
        });

        table.setId("outbox-table");
        table.getColumns().add(Tables.text("recipient", "Recipient", OutboxMessage::to, 240));
        table.getColumns().add(Tables.text("subject", "Subject", OutboxMessage::subject, 240));
        TableColumn<OutboxMessage, OutboxMessage> chip = new TableColumn<>("State");
        chip.setId("state");
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
        TableColumn<OutboxMessage, OutboxMessage> when = new TableColumn<>("When");
        when.setId("when");
        when.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        when.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(OutboxMessage m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? null : vm.when(m));
                setTooltip(empty || m == null ? null : new javafx.scene.control.Tooltip(vm.exactTime(m)));
            }
        });
        when.setComparator(java.util.Comparator.comparing(OutboxMessage::createdAt));
        when.setPrefWidth(240);
        when.setMinWidth(230); // "sent 13 days ago · 1 attempt" whole at 1280
        table.getColumns().add(when);
        table.getColumns().add(Tables.text("next-attempt", "Next attempt", vm::nextAttempt, 125));
        table.getColumns().get(table.getColumns().size() - 1).setMinWidth(125);
        table.getColumns()
                .add(Tables.text(
                        "last-reply",
                        "Last reply",
                        m -> (m.lastReply().isPresent() ? m.lastReply().getAsInt() + " " : "") + m.note(),
                        170));
        // Unconstrained: the columns shown fit the width, the subject takes the rest; should the ones picked not
        // fit, a scroll bar reaches them.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        javafx.scene.control.MenuButton columns = dev.mailroom.app.common.ColumnPicker.of(
                table,
                new dev.mailroom.app.common.ColumnChoice(
                        "outbox",
                        COLUMNS,
                        shell.settings(),
                        session.actor().realPerson().id(),
                        runner),
                "subject");
        table.setPlaceholder(emptyState());
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, m) -> renderDetail(Optional.ofNullable(m)));

        Label stateLabel = new Label("_State");
        stateLabel.setMnemonicParsing(true);
        stateLabel.setLabelFor(state);
        TextField search = new TextField();
        search.setId("outbox-search");
        search.setPromptText("Recipient, subject or Message-ID");
        search.setPrefColumnCount(24);
        search.textProperty().bindBidirectional(vm.search());
        Label searchLabel = new Label("Searc_h");
        searchLabel.setMnemonicParsing(true);
        searchLabel.setLabelFor(search);
        HBox filters = new HBox(8, stateLabel, state, searchLabel, search);
        HBox.setMargin(searchLabel, new javafx.geometry.Insets(0, 0, 0, 16));
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
        resendAll.disableProperty().bind(vm.busy());
        resendAll.setOnAction(e -> decideAllInDoubt(
                vm.inDoubt().get() == 1
                        ? "Send the 1 message in doubt again?"
                        : "Send all " + vm.inDoubt().get() + " messages in doubt again?",
                "Any of them the relay accepted before Mailroom stopped will arrive a second time. Each keeps its "
                        + "Message-ID, so a receiving server that already has one can recognise the duplicate. "
                        + "Choose this when the relay's log shows they did not arrive.",
                "Send again",
                vm::resendAllInDoubt));
        Button markAll = new Button("Mar_k all sent…");
        markAll.setId("outbox-mark-all-sent");
        markAll.disableProperty().bind(vm.busy());
        markAll.setOnAction(e -> decideAllInDoubt(
                "Record every message in doubt as sent?",
                "Choose this when the relay's log shows they were accepted. Nothing is sent.",
                "Mark sent",
                vm::markAllInDoubtSent));
        Button ask = new Button("Ask the _provider");
        ask.setId("outbox-ask-provider");
        ask.disableProperty().bind(vm.busy());
        ask.setTooltip(new javafx.scene.control.Tooltip(
                "Looks each message up in its provider's activity (SendGrid by Mailroom's id, MailerSend by recipient,"
                        + " sender and subject). Those the provider has are recorded as sent; nothing is sent again."));
        ask.setOnAction(e -> vm.askProviders());
        resendAll.setMinWidth(Region.USE_PREF_SIZE); // the text wraps; the buttons keep their labels
        markAll.setMinWidth(Region.USE_PREF_SIZE);
        ask.setMinWidth(Region.USE_PREF_SIZE);
        Label checked = new Label();
        checked.setId("outbox-provider-check");
        checked.setWrapText(true);
        checked.textProperty().bind(vm.providerCheck());
        checked.managedProperty().bind(checked.textProperty().isNotEmpty());
        checked.visibleProperty().bind(checked.textProperty().isNotEmpty());
        VBox doubtWords = new VBox(4, inDoubtText, checked);
        HBox.setHgrow(doubtWords, Priority.ALWAYS);
        inDoubtBar.getChildren().setAll(doubtWords, ask, resendAll, markAll);
        inDoubtBar.setAlignment(Pos.CENTER_LEFT);
        inDoubtBar.setId("outbox-in-doubt");
        inDoubtBar.getStyleClass().add("warning-note");
        inDoubtBar.managedProperty().bind(inDoubtBar.visibleProperty());
        inDoubtBar.visibleProperty().bind(vm.inDoubt().greaterThan(0));
        inDoubtText.textProperty().bind(vm.inDoubtText());
        send.disableProperty().bind(vm.maySend().not());
        vm.truncated()
                .addListener((o, was, cut) -> table.setTooltip(
                        cut
                                ? new javafx.scene.control.Tooltip("The newest " + OutboxService.LIST_LIMIT
                                        + " are shown; filter by state to see others.")
                                : null));
        root.getChildren()
                .setAll(
                        PageHeader.of(
                                "Outbox",
                                "Every message is stored here before it is sent, " + "and stays with its outcome.",
                                columns,
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
            case DEFERRED, IN_DOUBT, SENDING, TRANSMITTING, HELD -> Chip.Tone.WARNING;
            case FAILED, REJECTED -> Chip.Tone.DANGER;
            case QUEUED -> Chip.Tone.ACCENT;
            case CANCELLED -> Chip.Tone.NEUTRAL;
        };
        return new Chip(s.label(), tone);
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

    @Override
    public void refresh() {
        Optional<TenantId> t = tenant();
        if (firstShow != null && t.isPresent()) {
            FirstShow once = firstShow;
            firstShow = null;
            once.run(t.get(), this::refresh);
        }
        vm.tenant().set(t.orElse(null));
        vm.refresh();
    }

    private void decideAllInDoubt(String header, String body, String confirm, Runnable decision) {
        if (tenant().isPresent() && Dialogs.confirm(shell.window(), header, body, confirm)) {
            decision.run();
        }
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
                + m.sentAt().map(s -> "  ·  sent " + s).orElse("")
                + (m.attachments().isEmpty()
                        ? ""
                        : "  ·  attached: "
                                + m.attachments().stream()
                                        .map(a -> a.filename())
                                        .collect(java.util.stream.Collectors.joining(", "))));
        facts.setWrapText(true);
        Label note = new Label(m.note());
        note.setWrapText(true);
        detail.getChildren().setAll(title, facts);
        if (!m.note().isBlank()) {
            detail.getChildren().add(note);
        }
        boolean mayAct = vm.mayAct(m);
        HBox actions = new HBox(8);
        actions.setAlignment(Pos.CENTER_LEFT);
        if (mayAct && m.state() == OutboxState.DEFERRED) {
            actions.getChildren().add(action("outbox-retry", "_Retry now", "Retrying", () -> vm.retryNow(m)));
        }
        if (mayAct
                && (m.state() == OutboxState.QUEUED
                        || m.state() == OutboxState.DEFERRED
                        || m.state() == OutboxState.IN_DOUBT)) {
            actions.getChildren().add(action("outbox-cancel", "_Cancel message", "Cancelling", () -> vm.cancel(m)));
        }
        if (m.state() == OutboxState.HELD) {
            Label explain = new Label("Held: this client holds messages to risky addresses for a person (its profile"
                    + " says so under Risky addresses). The note above says why this address is risky. Release it"
                    + " to send it, or drop it.");
            explain.setId("held-explanation");
            explain.setWrapText(true);
            explain.getStyleClass().add("callout");
            detail.getChildren().add(explain);
            if (mayAct) {
                actions.getChildren()
                        .add(action("outbox-release", "_Release (send it)", "Releasing", () -> vm.releaseHeld(m)));
                actions.getChildren().add(action("outbox-drop", "_Drop", "Dropping", () -> vm.dropHeld(m)));
            }
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
                                () -> vm.resendInDoubt(m)));
                actions.getChildren()
                        .add(action("outbox-mark-sent", "_Mark sent", "Marking sent", () -> vm.markInDoubtSent(m)));
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

    private Button action(String id, String label, String title, Runnable command) {
        Button b = new Button(label);
        b.setId(id);
        b.disableProperty().bind(vm.busy());
        b.setOnAction(e -> command.run());
        return b;
    }
}
