package dev.mailroom.app.activity;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.FormErrors;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.suppressions.ImapSecurity;
import dev.mailroom.model.suppressions.MailboxPassword;
import dev.mailroom.model.suppressions.MailboxReadSummary;
import dev.mailroom.model.suppressions.MailboxReader;
import dev.mailroom.model.suppressions.ReportMailbox;
import dev.mailroom.model.suppressions.ReportMailboxService;
import dev.mailroom.model.tenants.Tenant;
import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Tenant › Bounce mailbox: the IMAP mailbox this client's bounces and complaints arrive in (or, for
 * the agency owner, the agency's), "Test connection", and "Read now" with progress, Cancel and a
 * summary. Admins and Owners configure it; whoever may manage suppressions may read it.
 */
public final class ReportMailboxPage implements Page {
    private final Session session;
    private final BackgroundRunner runner;
    private final Shell shell;
    private final VBox root = new VBox(12);
    private final ComboBox<Boolean> scope = new ComboBox<>();
    private final TextField host = new TextField();
    private final TextField port = new TextField();
    private final ComboBox<ImapSecurity> security = new ComboBox<>();
    private final TextField username = new TextField();
    private final PasswordField password = new PasswordField();
    private final TextField folder = new TextField("INBOX");
    private final FormErrors errors = new FormErrors();
    private final Label status = new Label();
    private final Button save = new Button("_Save", Icons.save());
    private final Button test = new Button("_Test connection", Icons.verify());
    private final Button read = new Button("_Read now", Icons.importFile());
    private final Button importFiles = new Button("Import _files…", Icons.importFile());
    /** A mailbox is set up here and this person may read it: "Read now" can work. */
    private boolean mailboxReady;

    private final Button cancel = new Button("_Cancel");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label();
    private final Label summary = new Label();
    private final Label problems = new Label();
    private final VBox form = new VBox(10);
    private dev.mailroom.app.common.Job running;

    public ReportMailboxPage(Session session, BackgroundRunner runner, Shell shell) {
        this.session = session;
        this.runner = runner;
        this.shell = shell;
        scope.setId("mailbox-scope");
        scope.getItems().setAll(false, true);
        scope.setValue(false);
        scope.setConverter(new StringConverter<>() {
            @Override
            public String toString(Boolean agency) {
                return Boolean.TRUE.equals(agency) ? "The agency's mailbox (all clients)" : "This client's mailbox";
            }

            @Override
            public Boolean fromString(String s) {
                return false;
            }
        });
        scope.valueProperty().addListener((o, was, v) -> refresh());
        scope.setVisible(session.isAgencyOwner());
        scope.setManaged(session.isAgencyOwner());
        host.setId("mailbox-host");
        host.setPromptText("imap.example.com");
        port.setId("mailbox-port");
        port.setPrefColumnCount(6);
        security.setId("mailbox-security");
        security.getItems().setAll(ImapSecurity.values());
        security.setValue(ImapSecurity.IMPLICIT_TLS);
        security.setConverter(new StringConverter<>() {
            @Override
            public String toString(ImapSecurity s) {
                return s == null ? "" : s.label();
            }

            @Override
            public ImapSecurity fromString(String s) {
                return null;
            }
        });
        security.valueProperty().addListener((o, was, s) -> {
            if (s != null
                    && (port.getText().isBlank()
                            || (was != null && port.getText().equals(Integer.toString(was.defaultPort()))))) {
                port.setText(Integer.toString(s.defaultPort()));
            }
        });
        port.setText("993");
        username.setId("mailbox-username");
        password.setId("mailbox-password");
        folder.setId("mailbox-folder");

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        grid.add(Forms.field("IMAP _server", host, errors.labelFor("host")), 0, 0);
        grid.add(Forms.field("P_ort", port, errors.labelFor("port")), 1, 0);
        grid.add(Forms.field("S_ecurity", security, errors.labelFor("security")), 2, 0);
        grid.add(Forms.field("_User name", username, errors.labelFor("username")), 0, 1);
        grid.add(Forms.field("_Password", password, errors.labelFor("password")), 1, 1, 2, 1);
        grid.add(Forms.field("_Folder", folder, errors.labelFor("folder")), 0, 2);
        host.setPrefColumnCount(24);

        save.setId("mailbox-save");
        save.getStyleClass().add("accent");
        save.setOnAction(e -> save());
        test.setId("mailbox-test");
        test.setOnAction(e -> test());
        status.setId("mailbox-status");
        status.setWrapText(true);
        HBox formButtons = new HBox(8, save, test, status);
        formButtons.setAlignment(Pos.CENTER_LEFT);
        form.getChildren().setAll(grid, errors.general(), formButtons);

        read.setId("mailbox-read");
        read.setOnAction(e -> readNow());
        importFiles.setId("mailbox-import-files");
        importFiles.setTooltip(
                new javafx.scene.control.Tooltip("Bounces and complaints saved as .eml files or in an mbox file"));
        importFiles.setOnAction(e -> importFiles());
        cancel.setId("mailbox-cancel");
        cancel.setDisable(true);
        cancel.setOnAction(e -> {
            if (running != null) {
                running.cancel();
                progressText.setText("Stopping after the current message…");
            }
        });
        progress.setId("mailbox-progress");
        progress.setPrefWidth(320);
        progressText.setId("mailbox-progress-text");
        summary.setId("mailbox-summary");
        summary.getStyleClass().add("stat-value-small");
        summary.setWrapText(true);
        problems.setId("mailbox-problems");
        problems.getStyleClass().add("text-muted");
        problems.setWrapText(true);
        HBox readBar = new HBox(8, read, importFiles, progress, cancel, progressText);
        readBar.setAlignment(Pos.CENTER_LEFT);
        Label readTitle = new Label("Read bounces and complaints");
        readTitle.getStyleClass().add("field-label");
        Label explain = new Label("Reads the messages in the folder that were not read before. Bounces and complaints "
                + "are matched to the messages sent and update the suppression lists; each is flagged "
                + "$MailroomProcessed on the server. Other mail is flagged $MailroomSkipped and otherwise left alone. "
                + "Import files reads bounces saved as .eml files or an mbox file the same way; a report read before "
                + "counts once.");
        explain.setWrapText(true);
        explain.getStyleClass().add("text-muted");
        VBox readBox = new VBox(8, readTitle, explain, readBar, summary, problems);

        root.getChildren()
                .setAll(
                        PageHeader.of(
                                "Bounce mailbox",
                                "The IMAP mailbox bounces and complaints for this client's mail arrive in."),
                        scope,
                        form,
                        readBox);
        root.getStyleClass().add("page");
        root.setMaxWidth(900);
        session.currentTenantProperty().addListener((o, was, t) -> refresh());
    }

    private Optional<TenantId> scopeId() {
        if (Boolean.TRUE.equals(scope.getValue())) {
            return Optional.empty();
        }
        return session.currentTenant().map(Tenant::id);
    }

    private ReportMailboxService service() {
        return session.services().reportMailbox();
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void refresh() {
        Optional<TenantId> s = scopeId();
        if (s.isEmpty() && !Boolean.TRUE.equals(scope.getValue())) {
            return;
        }
        errors.clear();
        record Loaded(Optional<ReportMailbox> mailbox, boolean configure, boolean read, boolean hasPassword) {}
        runner.run(Task.of(
                "Loading the bounce mailbox",
                p -> {
                    boolean configure = service().mayConfigure(session.actor(), s);
                    boolean mayRead = service().mayRead(session.actor(), s);
                    Optional<ReportMailbox> m = service().find(session.actor(), s);
                    return new Loaded(
                            m, configure, mayRead, configure && service().hasPassword(session.actor(), s));
                },
                l -> {
                    l.mailbox()
                            .ifPresentOrElse(
                                    m -> {
                                        host.setText(m.host());
                                        security.setValue(m.security());
                                        port.setText(Integer.toString(m.port()));
                                        username.setText(m.username());
                                        folder.setText(m.folder());
                                    },
                                    () -> {
                                        host.clear();
                                        username.clear();
                                        folder.setText("INBOX");
                                    });
                    password.clear();
                    password.setPromptText(l.hasPassword() ? "(stored; type to change)" : "");
                    form.setDisable(!l.configure());
                    status.setText(
                            l.configure() ? "" : "Only an Admin or Owner of this client changes these settings.");
                    mailboxReady = l.read() && l.mailbox().isPresent();
                    read.setDisable(!mailboxReady);
                    importFiles.setDisable(!l.read());
                    if (l.mailbox().isEmpty()) {
                        summary.setText(
                                "No mailbox set up yet. Enter the mailbox your bounces go to (the Return-Path of "
                                        + "your mail), then Save.");
                    }
                },
                e -> Dialogs.showError(shell.window(), "Could not load the bounce mailbox", e)));
    }

    private Optional<ReportMailbox> draft() {
        errors.clear();
        int p;
        try {
            p = Integer.parseInt(port.getText().strip());
        } catch (NumberFormatException e) {
            errors.show(new dev.mailroom.model.common.InvalidInput("port", "A port is a number from 1 to 65535."));
            return Optional.empty();
        }
        Optional<TenantId> s = scopeId();
        return Optional.of(
                new ReportMailbox(s, host.getText(), p, security.getValue(), username.getText(), folder.getText()));
    }

    private void save() {
        draft().ifPresent(m -> {
            MailboxPassword secret = MailboxPassword.of(password.getText());
            runner.run(Task.of(
                    "Saving the bounce mailbox",
                    p -> service().save(session.actor(), m, secret),
                    saved -> {
                        status.setText("Saved.");
                        refresh();
                    },
                    e -> {
                        if (!errors.show(e)) {
                            Dialogs.showError(shell.window(), "Could not save the bounce mailbox", e);
                        }
                    }));
        });
    }

    private void test() {
        draft().ifPresent(m -> {
            MailboxPassword secret = MailboxPassword.of(password.getText());
            status.setText("Connecting to " + m.host() + "…");
            runner.run(Task.of(
                    "Testing " + m.host(),
                    p -> service().test(session.actor(), m, secret),
                    n -> status.setText("Signed in; \"" + m.folder() + "\" holds "
                            + dev.mailroom.app.common.Formats.count(n) + (n == 1 ? " message." : " messages.")),
                    e -> {
                        status.setText("");
                        if (!errors.show(e)) {
                            errors.general().setText(Dialogs.messageFor(e));
                            errors.general().setVisible(true);
                            errors.general().setManaged(true);
                        }
                    }));
        });
    }

    private void readNow() {
        startReading(
                "Reading the bounce mailbox",
                "Connecting…",
                ProgressBar.INDETERMINATE_PROGRESS,
                "Could not read the bounce mailbox",
                (done, total) -> dev.mailroom.app.common.Formats.count(done) + " of "
                        + dev.mailroom.app.common.Formats.count(total) + " messages",
                (s, progress, c) -> service().readNow(session.actor(), s, progress, c));
    }

    /** Reads .eml and mbox files the person picks, with the same progress, cancel and summary as a mailbox read. */
    private void importFiles() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Import bounces and complaints");
        chooser.getExtensionFilters()
                .addAll(
                        new javafx.stage.FileChooser.ExtensionFilter(
                                "Messages (.eml, .mbox)", "*.eml", "*.mbox", "*.mbx", "*.msg"),
                        new javafx.stage.FileChooser.ExtensionFilter("All files", "*"));
        java.util.List<java.io.File> chosen = chooser.showOpenMultipleDialog(shell.window());
        if (chosen == null || chosen.isEmpty()) {
            return;
        }
        String reading = "Reading " + chosen.size() + (chosen.size() == 1 ? " file…" : " files…");
        var files = new dev.mailroom.mailer.activity.MailFiles(
                chosen.stream().map(java.io.File::toPath).toList());
        startReading(
                "Importing bounce files",
                reading,
                0,
                "Could not import the files",
                (done, total) -> reading,
                (s, progress, c) -> service().importFiles(session.actor(), s, files, progress, c));
    }

    /** One read of reports (mailbox or files) into the current scope. */
    @FunctionalInterface
    private interface Reading {
        MailboxReadSummary run(Optional<TenantId> scope, MailboxReader.Progress progress, Cancellation cancel);
    }

    /** Runs a read in the background with progress, Cancel and the summary; both buttons wait until it ends. */
    private void startReading(
            String title,
            String starting,
            double startProgress,
            String failure,
            java.util.function.BiFunction<Integer, Integer, String> progressLine,
            Reading reading) {
        Optional<TenantId> s = scopeId();
        read.setDisable(true);
        importFiles.setDisable(true);
        cancel.setDisable(false);
        progress.setProgress(startProgress);
        progressText.setText(starting);
        summary.setText("");
        problems.setText("");
        running = runner.run(Task.of(
                        title,
                        p -> reading.run(
                                s,
                                (done, total) -> {
                                    p.update(done, total, title);
                                    Platform.runLater(() -> {
                                        progress.setProgress(total == 0 ? 1 : (double) done / total);
                                        progressText.setText(progressLine.apply(done, total));
                                    });
                                },
                                p.cancellation()),
                        this::finished,
                        e -> {
                            finishedUi();
                            progress.setProgress(0);
                            progressText.setText("");
                            Dialogs.showError(shell.window(), failure, e);
                        })
                .withCancel());
    }

    private void finished(MailboxReadSummary s) {
        finishedUi();
        progress.setProgress(s.cancelled() ? progress.getProgress() : 1);
        progressText.setText(s.cancelled() ? "Stopped." : "Done.");
        summary.setText(s.headline() + ". " + s.eventsRecorded() + (s.eventsRecorded() == 1 ? " event" : " events")
                + " recorded" + (s.unmatched() > 0 ? "; " + s.unmatched() + " recipients matched no message sent" : "")
                + ".");
        problems.setText(s.problems().isEmpty() ? "" : "Not read: " + String.join("; ", s.problems()));
    }

    private void finishedUi() {
        running = null;
        read.setDisable(!mailboxReady);
        importFiles.setDisable(false);
        cancel.setDisable(true);
    }
}
