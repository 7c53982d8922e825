package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Converters;
import dev.mailroom.app.common.FormErrors;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.Tables;
import dev.mailroom.app.session.Session;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.RecipientCsv;
import dev.mailroom.model.sending.SendRequest;
import dev.mailroom.model.sending.SendService;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Send a message: the inputs on the left, a preview on the right; then a progress bar and one row per
 * recipient, filled from the outbox as the sender gets through it. Closing only stops watching.
 */
final class SendDialog {
    private final Session session;
    private final BackgroundRunner runner;
    private final TenantId tenant;
    private final Runnable wakeSender;
    private final Dialog<Void> dialog = new Dialog<>();
    private final FormErrors errors = new FormErrors();
    private final ComboBox<Connection> connection = new ComboBox<>();
    private final ComboBox<String> domain = new ComboBox<>();
    private final TextField from = new TextField();
    private final TextField fromName = new TextField();
    private final TextField recipient = new TextField();
    private final Label csvSummary = new Label();
    private final ListView<String> csvErrors = new ListView<>();
    private final TextField subject = new TextField();
    private final TextArea text = new TextArea();
    private final TextArea html = new TextArea();
    private final CheckBox transactional =
            new CheckBox("_Transactional (a receipt, a password reset: no unsubscribe link)");
    private final TextField unsubscribe = new TextField();
    private final Label previewSubject = new Label();
    private final Label previewFrom = new Label();
    private final Label previewBody = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label();
    private final ObservableList<SendResultRow> results = FXCollections.observableArrayList();
    private final TableView<SendResultRow> resultTable = new TableView<>(results);
    private final Button stop = new Button("Stop _waiting");
    private List<String> csvRecipients = List.of();
    private boolean watching;
    /** Set only by the demo's screenshot hook: fill the form with this and send at once. */
    private Optional<SendRequest> prefill = Optional.empty();

    private SendDialog(Window owner, Session session, BackgroundRunner runner, TenantId tenant, Runnable wakeSender) {
        this.session = session;
        this.runner = runner;
        this.tenant = tenant;
        this.wakeSender = wakeSender;
        dialog.initOwner(owner);
        dialog.setTitle("Send message");
        dialog.setResizable(true);
    }

    static void show(Window owner, Session session, BackgroundRunner runner, TenantId tenant, Runnable wakeSender) {
        new SendDialog(owner, session, runner, tenant, wakeSender).open();
    }

    /** The {@code --page send-dialog} screenshot hook: the form filled with a demo request, sent as soon as it opens. */
    static void showSending(
            Window owner,
            Session session,
            BackgroundRunner runner,
            TenantId tenant,
            Runnable wakeSender,
            SendRequest request) {
        SendDialog d = new SendDialog(owner, session, runner, tenant, wakeSender);
        d.prefill = Optional.of(request);
        d.open();
    }

    private void open() {
        connection.setId("send-connection");
        connection.setConverter(
                Converters.labelled(c -> c.name() + " · " + c.environment().label()));
        domain.setId("send-domain");
        domain.valueProperty().addListener((o, was, d) -> {
            if (d != null && (from.getText().isBlank() || from.getText().endsWith("@" + was))) {
                from.setText("hello@" + d);
            }
        });
        from.setId("send-from");
        fromName.setId("send-from-name");
        recipient.setId("send-recipient");
        recipient.setPromptText("one address, or several separated by commas");
        Button csv = new Button("Recipients from _CSV…");
        csv.setId("send-csv");
        csv.setOnAction(e -> chooseCsv());
        csvSummary.setId("send-csv-summary");
        csvSummary.setWrapText(true);
        csvErrors.setId("send-csv-errors");
        csvErrors.setPrefHeight(80);
        csvErrors.setVisible(false);
        csvErrors.setManaged(false);
        subject.setId("send-subject");
        text.setId("send-text");
        text.setPrefRowCount(5);
        text.setWrapText(true);
        html.setId("send-html");
        html.setPrefRowCount(4);
        html.setWrapText(true);
        html.setPromptText("Optional: <p>the HTML version</p>");
        transactional.setId("send-transactional");
        transactional.setSelected(true);
        unsubscribe.setId("send-unsubscribe");
        unsubscribe.setPromptText("https://… (one-click unsubscribe)");
        unsubscribe.disableProperty().bind(transactional.selectedProperty());
        for (var c : new javafx.scene.control.Control[] {connection, domain}) {
            c.setMaxWidth(Double.MAX_VALUE);
        }

        HBox recipients = new HBox(8, recipient, csv);
        HBox.setHgrow(recipient, Priority.ALWAYS);
        HBox fromRow = new HBox(
                8,
                Forms.field("_From address", from, errors.labelFor("from")),
                Forms.field("From _name", fromName, new Label()));
        fromRow.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));
        VBox form = new VBox(
                8,
                Forms.field("C_onnection", connection, errors.labelFor("connection")),
                Forms.field("Sending _domain", domain, errors.labelFor("domain")),
                fromRow,
                Forms.field("_Recipients", recipients, errors.labelFor("recipients")),
                csvSummary,
                csvErrors,
                Forms.field("_Subject", subject, errors.labelFor("subject")),
                Forms.field("Te_xt body", text, errors.labelFor("body")),
                Forms.field("_HTML body", html, new Label()),
                transactional,
                Forms.field("_Unsubscribe URL", unsubscribe, errors.labelFor("unsubscribeUrl")),
                errors.general());
        form.setId("send-form");
        ScrollPane formScroll = new ScrollPane(form);
        formScroll.setFitToWidth(true);

        previewSubject.getStyleClass().add("title-4");
        previewSubject.setWrapText(true);
        previewFrom.getStyleClass().add("text-muted");
        previewBody.setWrapText(true);
        previewBody.setId("send-preview-body");
        Label previewTitle = new Label("Preview");
        previewTitle.getStyleClass().add("text-muted");
        VBox preview = new VBox(8, previewTitle, previewSubject, previewFrom, previewBody);
        preview.getStyleClass().add("send-preview");
        ScrollPane previewScroll = new ScrollPane(preview);
        previewScroll.setFitToWidth(true);
        for (var p : List.of(
                subject.textProperty(),
                text.textProperty(),
                html.textProperty(),
                from.textProperty(),
                fromName.textProperty())) {
            p.addListener((o, was, now) -> updatePreview());
        }
        updatePreview();

        SplitPane top = new SplitPane(formScroll, previewScroll);
        top.setDividerPositions(0.55);
        // The form scrolls; without a modest preferred height it claimed the whole dialog and squeezed the
        // results to less than a row. The space left over still goes to it.
        top.setPrefHeight(380);
        top.setMinHeight(200);
        VBox.setVgrow(top, Priority.ALWAYS);

        progress.setId("send-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progressText.setId("send-progress-text");
        progressText.setWrapText(true);
        stop.setId("send-stop");
        stop.setOnAction(e -> stopWatching());
        stop.setDisable(true);
        HBox.setHgrow(progress, Priority.ALWAYS);
        HBox progressRow = new HBox(10, progress, stop);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        resultTable.setId("send-results");
        resultTable.getColumns().add(Tables.text("Recipient", SendResultRow::recipient, 260));
        resultTable.getColumns().add(Tables.text("Result", SendResultRow::state, 110));
        resultTable.getColumns().add(Tables.text("Reason", SendResultRow::reason, 420));
        resultTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        resultTable.setPlaceholder(new Label("A row per recipient appears here once you send."));
        resultTable.setPrefHeight(190);
        resultTable.setMinHeight(150);
        VBox content = new VBox(10, top, progressRow, progressText, resultTable);
        content.setPrefSize(1080, 680);
        dialog.getDialogPane().setContent(content);
        // The window did not take the content's preferred width: it opened about 590 wide, clipping the form.
        // A minimum width is what the window honours (fits 1280×800); the height it finds itself.
        dialog.getDialogPane().setMinWidth(1080);

        ButtonType sendType = new ButtonType("Send", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE, sendType);
        Button send = (Button) dialog.getDialogPane().lookupButton(sendType);
        send.setId("send-submit");
        send.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            submit(send);
        });
        dialog.setResultConverter(b -> null);
        dialog.setOnHidden(e -> watching = false);

        runner.run(Task.of(
                "Loading connections and domains",
                p -> new Choices(
                        session.services().connections().list(session.actor(), tenant),
                        session.services().sendingDomains().names(tenant)),
                c -> {
                    connection.getItems().setAll(c.connections());
                    if (!c.connections().isEmpty()) {
                        connection.setValue(c.connections().get(0));
                    }
                    domain.getItems().setAll(c.domains());
                    if (!c.domains().isEmpty()) {
                        domain.setValue(c.domains().get(0));
                    }
                    prefill.ifPresent(r -> {
                        c.connections().stream()
                                .filter(x -> x.id().equals(r.connection()))
                                .findFirst()
                                .ifPresent(connection::setValue);
                        domain.setValue(OutboxMessage.domainOf(r.fromAddress()));
                        from.setText(r.fromAddress());
                        fromName.setText(r.fromName());
                        recipient.setText(String.join(", ", r.recipients()));
                        subject.setText(r.subject());
                        text.setText(r.textBody());
                        submit(send);
                    });
                    if (c.connections().isEmpty() || c.domains().isEmpty()) {
                        progressText.setText(
                                c.connections().isEmpty()
                                        ? "This client has no connection yet: add one under Connections first."
                                        : "This client has no sending domain with a signing DKIM key yet: add one under Domains first.");
                    }
                },
                err -> errors.show(err)));
        dialog.showAndWait();
    }

    private record Choices(List<Connection> connections, List<String> domains) {}

    private void updatePreview() {
        previewSubject.setText(subject.getText().isBlank() ? "(no subject)" : subject.getText());
        previewFrom.setText(
                "From " + (fromName.getText().isBlank() ? "" : fromName.getText() + " ") + "<" + from.getText() + ">");
        // No web engine here: the HTML is shown as the text a reader would see, tags removed.
        String body = html.getText().isBlank()
                ? text.getText()
                : html.getText()
                        .replaceAll("(?i)<br\\s*/?>|</p>|</div>|</h\\d>|</li>", "\n")
                        .replaceAll("<[^>]*>", "")
                        .replace("&nbsp;", " ")
                        .replace("&amp;", "&")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">");
        previewBody.setText(body.isBlank() ? "(the message is empty)" : body.strip());
    }

    /** The file is read and parsed in the background: a list of 20,000 rows must not freeze the form. */
    private void chooseCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Recipients");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV or text", "*.csv", "*.txt"));
        File file = chooser.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
        if (file != null) {
            loadCsv(file);
        }
    }

    void loadCsv(File file) {
        csvSummary.setText("Reading " + file.getName() + "…");
        runner.run(Task.of(
                "Reading " + file.getName(),
                p -> RecipientCsv.parse(Files.readString(file.toPath(), StandardCharsets.UTF_8)),
                parsed -> {
                    csvRecipients = parsed.recipients().stream()
                            .map(RecipientCsv.Recipient::address)
                            .toList();
                    recipient.setText("");
                    recipient.setPromptText("from " + file.getName());
                    csvSummary.setText(file.getName() + ": " + csvRecipients.size() + " recipient(s)"
                            + (parsed.errors().isEmpty()
                                    ? "."
                                    : "; " + parsed.errors().size() + " row(s) cannot be used and are left out:"));
                    csvErrors
                            .getItems()
                            .setAll(parsed.errors().stream()
                                    .map(r -> "Line " + r.line() + ": " + r.problem() + " — " + r.text())
                                    .toList());
                    csvErrors.setVisible(!parsed.errors().isEmpty());
                    csvErrors.setManaged(!parsed.errors().isEmpty());
                },
                err -> csvSummary.setText("Could not read " + file.getName() + ": " + err.getMessage())));
    }

    private List<String> recipients() {
        if (!csvRecipients.isEmpty() && recipient.getText().isBlank()) {
            return csvRecipients;
        }
        List<String> typed = new ArrayList<>();
        for (String a : recipient.getText().split("[,;\\s]+")) {
            if (!a.isBlank()) {
                typed.add(a.strip());
            }
        }
        return typed;
    }

    private void submit(Button send) {
        errors.clear();
        if (connection.getValue() == null) {
            errors.show(
                    new dev.mailroom.model.common.InvalidInput("connection", "Choose the connection to send through."));
            return;
        }
        SendRequest request = new SendRequest(
                tenant,
                connection.getValue().id(),
                from.getText(),
                fromName.getText(),
                recipients(),
                subject.getText(),
                text.getText(),
                html.getText().isBlank() ? Optional.empty() : Optional.of(html.getText()),
                transactional.isSelected(),
                transactional.isSelected() || unsubscribe.getText().isBlank()
                        ? Optional.empty()
                        : Optional.of(unsubscribe.getText().strip()));
        send.setDisable(true);
        progressText.setText("Queuing " + request.recipients().size() + " message(s)…");
        runner.run(Task.of(
                "Queuing messages",
                p -> session.services().send().send(session.actor(), request),
                result -> {
                    wakeSender.run();
                    startWatching(result);
                },
                err -> {
                    send.setDisable(false);
                    progressText.setText("");
                    errors.show(err);
                }));
    }

    private void startWatching(SendService.Result result) {
        Map<dev.mailroom.model.sending.OutboxId, Integer> rowOf = new HashMap<>();
        results.clear();
        for (SendService.Refused r : result.refused()) {
            results.add(new SendResultRow(r.address(), "Not queued", r.problem()));
        }
        for (OutboxMessage m : result.queued()) {
            rowOf.put(m.id(), results.size());
            results.add(row(m));
        }
        watching = !rowOf.isEmpty();
        stop.setDisable(!watching);
        showProgress(rowOf, 0);
        if (watching) {
            poll(rowOf);
        }
    }

    /** Reads the outbox in the background, then waits a moment on the FX clock before the next read. */
    private void poll(Map<dev.mailroom.model.sending.OutboxId, Integer> rowOf) {
        runner.run(Task.of(
                "Watching the outbox",
                p -> session.services().outboxes().list(session.actor(), tenant, Optional.empty()),
                list -> {
                    if (!watching) {
                        return;
                    }
                    int finished = 0;
                    for (OutboxMessage m : list) {
                        Integer i = rowOf.get(m.id());
                        if (i != null) {
                            results.set(i, row(m));
                        }
                    }
                    for (int i : rowOf.values()) {
                        if (isFinished(results.get(i).state())) {
                            finished++;
                        }
                    }
                    showProgress(rowOf, finished);
                    if (finished == rowOf.size()) {
                        watching = false;
                        stop.setDisable(true);
                        return;
                    }
                    PauseTransition next = new PauseTransition(Duration.millis(400));
                    next.setOnFinished(e -> {
                        if (watching) {
                            poll(rowOf);
                        }
                    });
                    next.play();
                },
                err -> {
                    watching = false;
                    progressText.setText("Could not read the outbox: " + err.getMessage());
                }));
    }

    private void showProgress(Map<dev.mailroom.model.sending.OutboxId, Integer> rowOf, int finished) {
        int total = rowOf.size();
        progress.setProgress(total == 0 ? 1 : (double) finished / total);
        long sent = results.stream()
                .filter(r -> r.state().equals(OutboxState.SENT.label()))
                .count();
        long refused = results.size() - total;
        String line = finished + " of " + total + " handled: " + sent + " sent"
                + (refused > 0 ? "; " + refused + " not queued" : "") + ".";
        if (finished == total) {
            line = "Done. " + line;
        }
        progressText.setText(line);
    }

    private void stopWatching() {
        watching = false;
        stop.setDisable(true);
        progressText.setText(progressText.getText() + " Stopped watching: messages not sent yet stay in the outbox "
                + "and Mailroom keeps sending them in the background. See them under Outbox.");
    }

    private static boolean isFinished(String state) {
        return !state.equals(OutboxState.QUEUED.label())
                && !state.equals(OutboxState.SENDING.label())
                && !state.equals(OutboxState.TRANSMITTING.label());
    }

    private static SendResultRow row(OutboxMessage m) {
        String reason = m.state() == OutboxState.DEFERRED
                ? "Tried again " + OutboxPage.in(java.time.Duration.between(java.time.Instant.now(), m.nextAttemptAt()))
                        + ". " + m.note()
                : m.note();
        return new SendResultRow(m.to(), m.state().label(), reason);
    }
}
