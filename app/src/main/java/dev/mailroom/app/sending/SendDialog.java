package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.Converters;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.Tables;
import dev.mailroom.app.session.Session;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Attachment;
import dev.mailroom.model.sending.Attachments;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.SendRequest;
import dev.mailroom.model.templates.TemplateSendService.Choice;
import java.io.File;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.web.WebView;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Send a message, laid out as a two-pane form that fits 1280×800: the inputs on the left in three
 * steps (sender, recipients, message: a template with its variables, or typed by hand), scrolling
 * when they must; the rendered preview of one recipient on the right (first, next, a chosen row;
 * desktop or mobile width) with the test send. The button bar stays below both. After Send, a
 * progress bar and one row per recipient take the space of the form's lower part. All state and the
 * calls to the use cases are in {@link SendViewModel}; this class builds nodes and binds.
 */
public final class SendDialog {
    private final SendViewModel vm;
    private final dev.mailroom.app.validation.RecipientCheckViewModel check;
    private final Dialog<Void> dialog = new Dialog<>();

    private SendDialog(Window owner, SendViewModel vm, dev.mailroom.app.validation.RecipientCheckViewModel check) {
        this.vm = vm;
        this.check = check;
        dialog.initOwner(owner);
        dialog.setTitle("Send message");
        dialog.setResizable(true);
    }

    static void show(Window owner, Session session, BackgroundRunner runner, TenantId tenant, Runnable wakeSender) {
        new SendDialog(owner, viewModel(session, runner, tenant, wakeSender), recipientCheck(session, runner, tenant))
                .open(Optional.empty());
    }

    /** The {@code --page send-dialog} screenshot hook: the form filled with a demo request, sent as soon as it opens. */
    public static void showSending(
            Window owner,
            Session session,
            BackgroundRunner runner,
            TenantId tenant,
            Runnable wakeSender,
            SendRequest request) {
        new SendDialog(owner, viewModel(session, runner, tenant, wakeSender), recipientCheck(session, runner, tenant))
                .open(Optional.of(request));
    }

    static SendViewModel viewModel(Session session, BackgroundRunner runner, TenantId tenant, Runnable wakeSender) {
        var s = session.services();
        return new SendViewModel(
                new SendViewModel.UseCases(
                        s.connections(), s.sendingDomains()::names, s.send(), s.templateSend(), s.outboxes()),
                session.actor(),
                tenant,
                runner,
                s.clock(),
                wakeSender,
                later());
    }

    static dev.mailroom.app.validation.RecipientCheckViewModel recipientCheck(
            Session session, BackgroundRunner runner, TenantId tenant) {
        var s = session.services();
        return new dev.mailroom.app.validation.RecipientCheckViewModel(
                s.addressChecks(), s.addressPolicy(), session.actor(), tenant, runner, debounced());
    }

    /** A step run once the typing has paused for 0.4 s: each call restarts the timer with the newest step. */
    static Consumer<Runnable> debounced() {
        PauseTransition pause = new PauseTransition(Duration.millis(400));
        return step -> {
            pause.stop();
            pause.setOnFinished(e -> step.run());
            pause.playFromStart();
        };
    }

    /** The outbox is looked at again a moment later, on the FX clock. */
    static Consumer<Runnable> later() {
        return step -> {
            PauseTransition next = new PauseTransition(Duration.millis(400));
            next.setOnFinished(e -> step.run());
            next.play();
        };
    }

    private void open(Optional<SendRequest> prefill) {
        var errors = vm.errors();

        // 1. Sender
        ComboBox<Connection> connection = new ComboBox<>(vm.connections());
        connection.setId("send-connection");
        connection.setConverter(
                Converters.labelled(c -> c.name() + " · " + c.environment().label()));
        connection.valueProperty().bindBidirectional(vm.connection());
        connection.setMaxWidth(Double.MAX_VALUE);
        ComboBox<String> domain = new ComboBox<>(vm.domains());
        domain.setId("send-domain");
        domain.valueProperty().bindBidirectional(vm.domain());
        domain.setMaxWidth(Double.MAX_VALUE);
        TextField from = text("send-from", vm.from());
        TextField fromName = text("send-from-name", vm.fromName());
        GridPane sender = grid();
        sender.add(
                Forms.field("C_onnection", connection, Forms.error("error-connection", errors.of("connection"))), 0, 0);
        sender.add(Forms.field("Sending _domain", domain, new Label()), 1, 0);
        sender.add(Forms.field("_From address", from, Forms.error("error-from", errors.of("from"))), 0, 1);
        sender.add(Forms.field("From _name", fromName, new Label()), 1, 1);

        // 2. Recipients
        TextField recipient = text("send-recipient", vm.typedRecipients());
        recipient.setPromptText("Addresses, separated by commas");
        Button csv = new Button("Recipients from _CSV…");
        csv.setId("send-csv");
        csv.setOnAction(e -> chooseCsv());
        csv.setMinWidth(Region.USE_PREF_SIZE);
        HBox recipients = new HBox(8, recipient, csv);
        HBox.setHgrow(recipient, Priority.ALWAYS);
        Label csvSummary = new Label();
        csvSummary.setId("send-csv-summary");
        csvSummary.setWrapText(true);
        csvSummary.textProperty().bind(vm.csvSummary());
        csvSummary.managedProperty().bind(csvSummary.textProperty().isNotEmpty());
        ListView<String> csvErrors = new ListView<>(vm.csvErrors());
        csvErrors.setId("send-csv-errors");
        csvErrors.setPrefHeight(80);
        csvErrors.visibleProperty().bind(Bindings.isNotEmpty(vm.csvErrors()));
        csvErrors.managedProperty().bind(csvErrors.visibleProperty());
        // What is wrong or risky with the typed addresses, as they are typed (the DNS part a moment later).
        check.input().bindBidirectional(vm.typedRecipients());
        check.load();
        vm.setOnCsvLoaded((name, addresses) -> check.checkFile(name, addresses, vm::dropCsvRecipients));
        Label checkSummary = new Label();
        checkSummary.setId("send-recipient-check");
        checkSummary.setWrapText(true);
        checkSummary.textProperty().bind(check.summary());
        checkSummary.managedProperty().bind(checkSummary.textProperty().isNotEmpty());
        ListView<String> checkProblems = new ListView<>(check.problems());
        checkProblems.setId("send-recipient-problems");
        checkProblems.setPrefHeight(90);
        checkProblems.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        checkProblems.visibleProperty().bind(Bindings.isNotEmpty(check.problems()));
        checkProblems.managedProperty().bind(checkProblems.visibleProperty());
        Button dropBad = new Button("Remove the _undeliverable ones");
        dropBad.setId("send-drop-undeliverable");
        dropBad.setOnAction(e -> check.dropUndeliverable());
        dropBad.visibleProperty().bind(check.anyUndeliverable());
        dropBad.managedProperty().bind(dropBad.visibleProperty());
        VBox recipientBox = new VBox(
                6,
                Forms.field("_Recipients", recipients, Forms.error("error-recipients", errors.of("recipients"))),
                checkSummary,
                checkProblems,
                dropBad,
                csvSummary,
                csvErrors);

        // 3. Message: a template or by hand
        ToggleGroup how = new ToggleGroup();
        RadioButton useTemplate = new RadioButton("From a _template");
        useTemplate.setId("send-use-template");
        RadioButton byHand = new RadioButton("_Written here");
        byHand.setId("send-by-hand");
        useTemplate.setToggleGroup(how);
        byHand.setToggleGroup(how);
        useTemplate.setSelected(vm.fromTemplate().get());
        byHand.setSelected(!vm.fromTemplate().get());
        vm.fromTemplate().addListener((o, was, t) -> (t ? useTemplate : byHand).setSelected(true));
        how.selectedToggleProperty()
                .addListener((o, was, t) -> vm.fromTemplate().set(t == useTemplate));
        HBox howRow = new HBox(16, useTemplate, byHand);

        ComboBox<Choice> template = new ComboBox<>(vm.templates());
        template.setId("send-template");
        template.setPromptText("Choose a template");
        template.setConverter(Converters.labelled(Choice::label));
        template.valueProperty().bindBidirectional(vm.template());
        template.setMaxWidth(Double.MAX_VALUE);
        GridPane variables = new GridPane();
        variables.setId("send-variables");
        variables.setHgap(8);
        variables.setVgap(6);
        Runnable rebuild = () -> buildVariables(variables);
        vm.mappings().addListener((javafx.collections.ListChangeListener<SendViewModel.Mapping>) c -> rebuild.run());
        vm.columns().addListener((javafx.collections.ListChangeListener<String>) c -> rebuild.run());
        Label missing = Forms.error("send-missing-variables", vm.missingVariables());
        missing.getStyleClass().setAll("label", "text-warning");
        VBox templatePart = new VBox(
                6,
                Forms.field("Te_mplate", template, Forms.error("error-template", errors.of("template"))),
                variables,
                missing,
                Forms.error("error-variables", errors.of("variables")));
        templatePart.visibleProperty().bind(vm.fromTemplate());
        templatePart.managedProperty().bind(vm.fromTemplate());

        TextField subject = text("send-subject", vm.subject());
        TextArea body = new TextArea();
        body.setId("send-text");
        body.setPrefRowCount(5);
        body.setWrapText(true);
        body.textProperty().bindBidirectional(vm.text());
        TextArea html = new TextArea();
        html.setId("send-html");
        html.setPrefRowCount(3);
        html.setWrapText(true);
        html.setPromptText("Optional: <p>the HTML version</p>");
        html.textProperty().bindBidirectional(vm.html());
        VBox handPart = new VBox(
                6,
                Forms.field("_Subject", subject, Forms.error("error-subject", errors.of("subject"))),
                Forms.field("Te_xt body", body, Forms.error("error-body", errors.of("body"))),
                Forms.field("_HTML body", html, new Label()));
        handPart.visibleProperty().bind(vm.fromTemplate().not());
        handPart.managedProperty().bind(handPart.visibleProperty());

        CheckBox transactional = new CheckBox("Tr_ansactional (a receipt, a password reset: no unsubscribe link)");
        transactional.setId("send-transactional");
        transactional.selectedProperty().bindBidirectional(vm.transactional());
        TextField unsubscribe = text("send-unsubscribe", vm.unsubscribe());
        unsubscribe.setPromptText("https://… (one-click unsubscribe)");
        unsubscribe.disableProperty().bind(vm.transactional());

        Button attach = new Button("Attach f_iles…");
        attach.setId("send-attach");
        attach.setOnAction(e -> chooseAttachments());
        attach.disableProperty().bind(vm.attachmentsBusy());
        Label attachSummary = new Label();
        attachSummary.setId("send-attachments-summary");
        attachSummary.textProperty().bind(vm.attachmentsSummary());
        attachSummary.getStyleClass().add("text-muted");
        HBox attachRow = new HBox(10, attach, attachSummary);
        attachRow.setAlignment(Pos.CENTER_LEFT);
        ListView<Attachment> files = new ListView<>(vm.attachments());
        files.setId("send-attachments");
        files.setFixedCellSize(30);
        files.prefHeightProperty()
                .bind(Bindings.size(vm.attachments()).multiply(30).add(4));
        files.visibleProperty().bind(Bindings.isNotEmpty(vm.attachments()));
        files.managedProperty().bind(files.visibleProperty());
        files.setCellFactory(list -> new AttachmentCell());
        files.setOnKeyPressed(e -> {
            Attachment chosen = files.getSelectionModel().getSelectedItem();
            if (chosen != null && (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE)) {
                vm.removeAttachment(chosen);
                e.consume();
            }
        });
        Label attachProblem = Forms.error("send-attach-problem", vm.attachProblem());
        VBox attachmentsPart = new VBox(
                6,
                Forms.field("Attachments", attachRow, Forms.error("error-attachments", errors.of("attachments"))),
                files,
                attachProblem);

        Label general = Forms.error("form-error", errors.general());
        VBox form = new VBox(
                10,
                section("1 · Sender"),
                sender,
                section("2 · Recipients"),
                recipientBox,
                section("3 · Message"),
                howRow,
                templatePart,
                handPart,
                attachmentsPart,
                transactional,
                Forms.field(
                        "_Unsubscribe URL",
                        unsubscribe,
                        Forms.error("error-unsubscribeUrl", errors.of("unsubscribeUrl"))),
                general);
        form.setId("send-form");
        form.setPadding(new Insets(4, 12, 8, 4));
        ScrollPane formScroll = new ScrollPane(form);
        formScroll.setFitToWidth(true);
        formScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);

        SplitPane top = new SplitPane(formScroll, preview());
        top.setDividerPositions(0.5);
        VBox.setVgrow(top, Priority.ALWAYS);

        ProgressBar progress = new ProgressBar();
        progress.setId("send-progress");
        progress.progressProperty().bind(vm.progress());
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        Button stop = new Button("Stop _waiting");
        stop.setId("send-stop");
        stop.setOnAction(e -> vm.stopWatching());
        stop.disableProperty().bind(vm.watching().not());
        HBox progressRow = new HBox(10, progress, stop);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("send-progress-text");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.textProperty().bind(vm.status());
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        TableView<SendResultRow> results = new TableView<>(vm.results());
        results.setId("send-results");
        results.getColumns().add(Tables.text("Recipient", SendResultRow::recipient, 260));
        results.getColumns().add(Tables.text("Result", SendResultRow::state, 110));
        results.getColumns().add(Tables.text("Reason", SendResultRow::reason, 420));
        results.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        results.setPlaceholder(new Label("A row per recipient appears here once you send."));
        results.setPrefHeight(170);
        results.setMinHeight(120);
        VBox after = new VBox(8, progressRow, results);
        after.visibleProperty().bind(vm.sent());
        after.managedProperty().bind(vm.sent());

        VBox content = new VBox(10, top, status, after);
        content.setPrefSize(1160, 640);
        dialog.getDialogPane().setContent(content);
        // The window does not take the content's preferred width by itself; a minimum it honours. 1160 × 640 of
        // content plus the button bar and the window's frame fits a 1280×800 screen.
        dialog.getDialogPane().setMinWidth(1000);
        dialog.getDialogPane().setPrefWidth(1180);

        ButtonType sendType = new ButtonType("Send", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE, sendType);
        Button send = (Button) dialog.getDialogPane().lookupButton(sendType);
        send.setId("send-submit");
        send.disableProperty().bind(vm.busy().or(vm.sent()));
        send.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.send();
        });
        dialog.setResultConverter(b -> null);
        // UI tests reach the view model here to stand in for the native file chooser.
        dialog.getDialogPane().getProperties().put(SendViewModel.class, vm);
        dialog.setOnHidden(e -> {
            if (vm.watching().get()) {
                vm.stopWatching();
            }
        });

        vm.load(() -> prefill.ifPresent(r -> {
            vm.fromTemplate().set(false);
            vm.connections().stream()
                    .filter(x -> x.id().equals(r.connection()))
                    .findFirst()
                    .ifPresent(vm.connection()::set);
            vm.domain().set(OutboxMessage.domainOf(r.fromAddress()));
            vm.from().set(r.fromAddress());
            vm.fromName().set(r.fromName());
            vm.typedRecipients().set(String.join(", ", r.recipients()));
            vm.subject().set(r.subject());
            vm.text().set(r.textBody());
            vm.send();
        }));
        dialog.showAndWait();
    }

    private Node preview() {
        Button first = new Button("F_irst");
        first.setId("send-preview-first");
        first.setOnAction(e -> vm.firstRow());
        Button next = new Button("N_ext");
        next.setId("send-preview-next");
        next.setOnAction(e -> vm.nextRow());
        TextField row = new TextField();
        row.setId("send-preview-row");
        row.setPrefColumnCount(4);
        row.setPromptText("row");
        row.setTooltip(new Tooltip("Type a recipient's number and press Enter"));
        row.setOnAction(e -> {
            try {
                vm.chooseRow(Integer.parseInt(row.getText().strip()));
            } catch (NumberFormatException ignored) {
                // Not a number: the preview stays where it is.
            }
            row.clear();
        });
        first.disableProperty().bind(vm.recipientCount().lessThan(2));
        next.disableProperty().bind(vm.recipientCount().lessThan(2));
        ToggleGroup width = new ToggleGroup();
        ToggleButton desktop = new ToggleButton("Desktop");
        desktop.setId("send-preview-desktop");
        ToggleButton mobile = new ToggleButton("Mobile");
        mobile.setId("send-preview-mobile");
        desktop.setToggleGroup(width);
        mobile.setToggleGroup(width);
        desktop.setSelected(true);
        width.selectedToggleProperty().addListener((o, was, t) -> {
            if (t == null) {
                was.setSelected(true);
            } else {
                vm.mobile().set(t == mobile);
            }
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(6, first, next, row, gap, desktop, mobile);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label who = new Label();
        who.setId("send-preview-recipient");
        who.getStyleClass().add("text-muted");
        who.textProperty().bind(vm.previewRecipient());
        Label subject = new Label();
        subject.setId("send-preview-subject");
        subject.getStyleClass().add("title-4");
        subject.setWrapText(true);
        subject.textProperty()
                .bind(Bindings.when(vm.previewSubject().isEmpty())
                        .then("(no subject)")
                        .otherwise(vm.previewSubject()));

        // The WebView costs about 1.4 s the first time: made here, when the dialog opens, not at start-up.
        WebView web = new WebView();
        web.setId("send-preview-web");
        web.getEngine().setJavaScriptEnabled(false);
        web.setContextMenuEnabled(false);
        Label plain = new Label();
        plain.setId("send-preview-body");
        plain.setWrapText(true);
        plain.setAlignment(Pos.TOP_LEFT);
        plain.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        Runnable show = () -> {
            String html = vm.previewHtml().get();
            boolean hasHtml = html != null && !html.isBlank();
            if (hasHtml) {
                web.getEngine().loadContent(vm.fromTemplate().get() ? html : safe(html), "text/html");
            }
            web.setVisible(hasHtml);
            plain.setVisible(!hasHtml);
            plain.setText(
                    vm.previewText().get().isBlank()
                            ? "(the message is empty)"
                            : vm.previewText().get().strip());
        };
        vm.previewHtml().addListener(o -> show.run());
        vm.previewText().addListener(o -> show.run());
        show.run();
        StackPane page = new StackPane(web, plain);
        page.getStyleClass().add("send-preview");
        web.maxWidthProperty().bind(Bindings.when(vm.mobile()).then(375.0).otherwise(Double.MAX_VALUE));
        web.prefWidthProperty().bind(Bindings.when(vm.mobile()).then(375.0).otherwise(640.0));
        VBox.setVgrow(page, Priority.ALWAYS);

        Label notes = new Label();
        notes.setId("send-preview-notes");
        notes.getStyleClass().add("text-warning");
        notes.setWrapText(true);
        notes.setMinHeight(Region.USE_PREF_SIZE);
        notes.textProperty().bind(vm.previewNotes());
        notes.managedProperty().bind(notes.textProperty().isNotEmpty());

        Button test = new Button("Send a _test to me");
        test.setId("send-test");
        test.setOnAction(e -> vm.testSend());
        test.disableProperty().bind(vm.fromTemplate().not().or(vm.template().isNull()));
        Label testResult = new Label();
        testResult.setId("send-test-result");
        testResult.setWrapText(true);
        testResult.textProperty().bind(vm.testResult());
        HBox testRow = new HBox(10, test, testResult);
        testRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(testResult, Priority.ALWAYS);
        test.setMinWidth(Region.USE_PREF_SIZE);

        VBox pane = new VBox(8, section("Preview"), bar, who, subject, page, notes, testRow);
        pane.setPadding(new Insets(4, 4, 8, 12));
        pane.setMinWidth(360);
        return pane;
    }

    /** Typed HTML is shown without scripts or anything fetched: its text only, through a sandbox-like page. */
    private static String safe(String html) {
        return "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
                + html;
    }

    private void buildVariables(GridPane grid) {
        grid.getChildren().clear();
        if (vm.mappings().isEmpty()) {
            return;
        }
        Label h1 = new Label("Variable");
        Label h2 = new Label("Column of the CSV");
        Label h3 = new Label("or one value for everyone");
        for (Label h : List.of(h1, h2, h3)) {
            h.getStyleClass().add("text-muted");
        }
        grid.addRow(0, h1, h2, h3);
        int r = 1;
        for (SendViewModel.Mapping m : vm.mappings()) {
            String name = m.variable().name();
            Label var = new Label("{{" + name + "}}");
            var.setMinWidth(Region.USE_PREF_SIZE);
            ComboBox<String> column = new ComboBox<>();
            column.setId("send-var-column-" + name.replace('.', '-'));
            column.getItems().add("");
            column.getItems().addAll(vm.columns());
            column.setConverter(Converters.labelled(c -> c.isEmpty() ? "—" : c));
            column.valueProperty().bindBidirectional(m.column());
            column.setDisable(!m.variable().scalar() || vm.columns().isEmpty());
            column.setMaxWidth(Double.MAX_VALUE);
            Node value;
            if (m.variable().scalar()) {
                TextField v = new TextField();
                v.setId("send-var-value-" + name.replace('.', '-'));
                v.setPromptText(
                        m.variable().sampleText().isEmpty()
                                ? ""
                                : "e.g. " + m.variable().sampleText());
                v.textProperty().bindBidirectional(m.value());
                v.disableProperty().bind(m.column().isNotEmpty());
                value = v;
            } else {
                CheckBox sample = new CheckBox("The template's sample");
                sample.setId("send-var-sample-" + name.replace('.', '-'));
                sample.selectedProperty().bindBidirectional(m.useSample());
                sample.setDisable(!m.variable().hasSample());
                value = sample;
            }
            grid.addRow(r++, var, column, value);
        }
        var c0 = new javafx.scene.layout.ColumnConstraints();
        var c1 = new javafx.scene.layout.ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        c1.setPrefWidth(150);
        var c2 = new javafx.scene.layout.ColumnConstraints();
        c2.setHgrow(Priority.ALWAYS);
        c2.setPrefWidth(170);
        grid.getColumnConstraints().setAll(c0, c1, c2);
    }

    private void chooseCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Recipients");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV or text", "*.csv", "*.txt"));
        File file = chooser.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
        if (file != null) {
            vm.loadCsv(file.toPath());
        }
    }

    private void chooseAttachments() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Attach files");
        List<File> chosen =
                chooser.showOpenMultipleDialog(dialog.getDialogPane().getScene().getWindow());
        if (chosen != null) {
            vm.attach(chosen.stream().map(File::toPath).toList());
        }
    }

    /** A file's name and size, and a button that takes it off the message. */
    private final class AttachmentCell extends javafx.scene.control.ListCell<Attachment> {
        @Override
        protected void updateItem(Attachment item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label name = new Label(item.filename() + "  ·  " + Attachments.size(item.size()));
            name.setMaxWidth(Double.MAX_VALUE);
            name.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
            HBox.setHgrow(name, Priority.ALWAYS);
            Button remove = new Button("Remove");
            remove.getStyleClass().addAll("flat", "small");
            remove.setAccessibleText("Remove " + item.filename());
            remove.setOnAction(e -> vm.removeAttachment(item));
            HBox row = new HBox(8, name, remove);
            row.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(row);
        }
    }

    private static TextField text(String id, javafx.beans.property.StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(6);
        var half = new javafx.scene.layout.ColumnConstraints();
        half.setPercentWidth(50);
        var half2 = new javafx.scene.layout.ColumnConstraints();
        half2.setPercentWidth(50);
        g.getColumnConstraints().setAll(half, half2);
        return g;
    }

    private static Label section(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("title-4");
        return l;
    }
}
