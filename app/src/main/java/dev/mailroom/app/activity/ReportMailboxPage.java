package dev.mailroom.app.activity;

import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.suppressions.ImapSecurity;
import java.io.File;
import java.util.List;
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
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * Tenant › Bounce mailbox: the IMAP mailbox this client's bounces and complaints arrive in (or, for
 * the agency owner, the agency's), "Test connection", and "Read now" with progress, Cancel and a
 * summary. Admins and Owners configure it; whoever may manage suppressions may read it. Binds a
 * {@link ReportMailboxViewModel}.
 */
public final class ReportMailboxPage implements Page {
    private final ReportMailboxViewModel vm;
    private final Shell shell;
    private final VBox root = new VBox(12);

    public ReportMailboxPage(ReportMailboxViewModel vm, Shell shell, boolean agencyOwner) {
        this.vm = vm;
        this.shell = shell;
        ComboBox<Boolean> scope = new ComboBox<>();
        scope.setId("mailbox-scope");
        scope.getItems().setAll(false, true);
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
        scope.setValue(vm.agencyScope().get());
        scope.valueProperty().addListener((o, was, v) -> {
            vm.agencyScope().set(Boolean.TRUE.equals(v));
            vm.refresh();
        });
        scope.setVisible(agencyOwner);
        scope.setManaged(agencyOwner);
        TextField host = new TextField();
        host.setId("mailbox-host");
        host.setPromptText("imap.example.com");
        host.textProperty().bindBidirectional(vm.host());
        host.setPrefColumnCount(24);
        TextField port = new TextField();
        port.setId("mailbox-port");
        port.setPrefColumnCount(6);
        port.textProperty().bindBidirectional(vm.port());
        ComboBox<ImapSecurity> security = new ComboBox<>();
        security.setId("mailbox-security");
        security.getItems().setAll(ImapSecurity.values());
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
        security.valueProperty().bindBidirectional(vm.security());
        TextField username = new TextField();
        username.setId("mailbox-username");
        username.textProperty().bindBidirectional(vm.username());
        PasswordField password = new PasswordField();
        password.setId("mailbox-password");
        password.textProperty().bindBidirectional(vm.password());
        password.promptTextProperty().bind(vm.passwordPrompt());
        TextField folder = new TextField();
        folder.setId("mailbox-folder");
        folder.textProperty().bindBidirectional(vm.folder());

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        grid.add(Forms.field("IMAP _server", host, error("host")), 0, 0);
        grid.add(Forms.field("P_ort", port, error("port")), 1, 0);
        grid.add(Forms.field("S_ecurity", security, error("security")), 2, 0);
        grid.add(Forms.field("_User name", username, error("username")), 0, 1);
        grid.add(Forms.field("_Password", password, error("password")), 1, 1, 2, 1);
        grid.add(Forms.field("_Folder", folder, error("folder")), 0, 2);

        Button save = new Button("_Save", Icons.save());
        save.setId("mailbox-save");
        save.getStyleClass().add("accent");
        save.setOnAction(e -> vm.save());
        Button test = new Button("_Test connection", Icons.verify());
        test.setId("mailbox-test");
        test.setOnAction(e -> vm.test());
        Label status = new Label();
        status.setId("mailbox-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.status());
        HBox formButtons = new HBox(8, save, test, status);
        formButtons.setAlignment(Pos.CENTER_LEFT);
        VBox form = new VBox(10, grid, Forms.error("form-error", vm.errors().general()), formButtons);
        form.disableProperty().bind(vm.mayConfigure().not());

        Button read = new Button("_Read now", Icons.importFile());
        read.setId("mailbox-read");
        read.disableProperty().bind(vm.mailboxReady().not().or(vm.reading()));
        read.setOnAction(e -> vm.readNow());
        Button importFiles = new Button("Import _files…", Icons.importFile());
        importFiles.setId("mailbox-import-files");
        importFiles.setTooltip(
                new javafx.scene.control.Tooltip("Bounces and complaints saved as .eml files or in an mbox file"));
        importFiles.disableProperty().bind(vm.mayRead().not().or(vm.reading()));
        importFiles.setOnAction(e -> importFiles());
        Button cancel = new Button("_Cancel");
        cancel.setId("mailbox-cancel");
        cancel.disableProperty().bind(vm.reading().not());
        cancel.setOnAction(e -> vm.cancel());
        ProgressBar progress = new ProgressBar(0);
        progress.setId("mailbox-progress");
        progress.setPrefWidth(320);
        progress.progressProperty().bind(vm.progress());
        Label progressText = new Label();
        progressText.setId("mailbox-progress-text");
        progressText.textProperty().bind(vm.progressText());
        Label summary = new Label();
        summary.setId("mailbox-summary");
        summary.getStyleClass().add("stat-value-small");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summary());
        Label problems = new Label();
        problems.setId("mailbox-problems");
        problems.getStyleClass().add("text-muted");
        problems.setWrapText(true);
        problems.textProperty().bind(vm.problems());
        Label reports = new Label();
        reports.setId("mailbox-reports");
        reports.getStyleClass().add("stat-value-small");
        reports.setWrapText(true);
        reports.textProperty().bind(vm.reports());
        reports.managedProperty().bind(reports.textProperty().isNotEmpty());
        reports.visibleProperty().bind(reports.managedProperty());
        HBox readBar = new HBox(8, read, importFiles, progress, cancel, progressText);
        readBar.setAlignment(Pos.CENTER_LEFT);
        Label readTitle = new Label("Read bounces, complaints and DMARC/TLS reports");
        readTitle.getStyleClass().add("field-label");
        Label explain = new Label("Reads the messages in the folder that were not read before. Bounces and complaints "
                + "are matched to the messages sent and update the suppression lists; each is flagged "
                + "$MailroomProcessed on the server. Other mail is flagged $MailroomSkipped and otherwise left alone. "
                + "DMARC aggregate and SMTP TLS reports in the folder are imported into the client that owns each "
                + "report's domain, as on the DMARC page. "
                + "Import files reads bounces saved as .eml files or an mbox file the same way; a report read before "
                + "counts once.");
        explain.setWrapText(true);
        explain.getStyleClass().add("text-muted");
        VBox readBox = new VBox(8, readTitle, explain, readBar, summary, reports, problems);

        root.getChildren()
                .setAll(
                        PageHeader.of(
                                "Bounce mailbox",
                                "The IMAP mailbox bounces, complaints and DMARC/TLS reports for this client's mail arrive in."),
                        scope,
                        form,
                        readBox);
        root.getStyleClass().add("page");
        // The page starts where every page starts (its heading at the left like the others); only the form and
        // the read section keep a readable width.
        form.setMaxWidth(900);
        readBox.setMaxWidth(900);
    }

    private Label error(String field) {
        return Forms.error("error-" + field, vm.errors().of(field));
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void refresh() {
        vm.refresh();
    }

    /** Reads .eml and mbox files the person picks, with the same progress, cancel and summary as a mailbox read. */
    private void importFiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import bounces and complaints");
        chooser.getExtensionFilters()
                .addAll(
                        new FileChooser.ExtensionFilter("Messages (.eml, .mbox)", "*.eml", "*.mbox", "*.mbx", "*.msg"),
                        new FileChooser.ExtensionFilter("All files", "*"));
        List<File> chosen = chooser.showOpenMultipleDialog(shell.window());
        if (chosen != null && !chosen.isEmpty()) {
            vm.importFiles(chosen.stream().map(File::toPath).toList());
        }
    }
}
