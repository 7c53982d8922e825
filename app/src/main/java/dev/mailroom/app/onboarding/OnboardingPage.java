package dev.mailroom.app.onboarding;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.onboarding.Checklist;
import java.nio.file.Path;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Tenant › Onboarding: the checklist by section (what Mailroom sees ticks itself, with the fact; the rest
 * a person ticks with a note and maybe evidence), the progress, and the tenant's escalation with the
 * dialog to change it.
 */
public final class OnboardingPage implements Page {
    private final Session session;
    private final Shell shell;
    private final BackgroundRunner runner;
    private final OnboardingViewModel vm;
    private final VBox root = new VBox(12);
    private final VBox sections = new VBox(14);
    /** Opens the escalation dialog once the page first shows a tenant (the escalation-dialog screenshot). */
    private boolean openEscalation;

    public OnboardingPage(Session session, BackgroundRunner runner, Shell shell) {
        this(session, runner, shell, false);
    }

    public OnboardingPage(Session session, BackgroundRunner runner, Shell shell, boolean openEscalation) {
        this.openEscalation = openEscalation;
        this.session = session;
        this.shell = shell;
        this.runner = runner;
        this.vm = new OnboardingViewModel(
                session.services().onboarding(),
                session.services().escalation(),
                session.services().access(),
                session.actor(),
                runner);
        Label progress = new Label();
        progress.setId("onboarding-progress");
        progress.getStyleClass().add("field-label");
        progress.textProperty().bind(vm.progress());
        Label standing = new Label();
        standing.setId("onboarding-standing");
        standing.setWrapText(true);
        standing.textProperty().bind(vm.standing());
        Label figures = new Label();
        figures.setWrapText(true);
        figures.textProperty().bind(vm.figures());
        Button escalate = new Button("Escalation…", Icons.shield());
        escalate.setId("onboarding-escalate");
        escalate.visibleProperty().bind(vm.mayEscalate());
        escalate.managedProperty().bind(escalate.visibleProperty());
        escalate.setOnAction(e -> escalate());
        Button template = new Button("Edit checklist…");
        template.setId("onboarding-edit-checklist");
        // The template is the agency's: its owner edits it (the use case checks again).
        template.setVisible(session.isAgencyOwner());
        template.setManaged(template.isVisible());
        template.setOnAction(e -> editChecklist());
        VBox summary = new VBox(4, progress, standing, figures);
        summary.getStyleClass().add("detail-pane");
        vm.lines().addListener((ListChangeListener<Checklist.Line>) c -> renderLines());
        ScrollPane scroll = new ScrollPane(sections);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root.getChildren()
                .setAll(
                        PageHeader.of(
                                "Onboarding",
                                "What is checked before this client sends, and how it is going.",
                                template,
                                escalate),
                        summary,
                        Forms.error(vm.errors().general()),
                        scroll);
        root.getStyleClass().add("page");
        session.currentTenantProperty().addListener((o, was, now) -> refresh());
    }

    private void renderLines() {
        sections.getChildren().clear();
        String section = null;
        VBox group = null;
        for (Checklist.Line l : vm.lines()) {
            if (!l.item().section().equals(section)) {
                section = l.item().section();
                Label heading = new Label(section);
                heading.getStyleClass().add("field-label");
                group = new VBox(6);
                sections.getChildren().addAll(heading, group);
            }
            group.getChildren().add(row(l));
        }
    }

    private Node row(Checklist.Line l) {
        Chip chip = switch (l.state()) {
            case DONE -> new Chip("Done", Chip.Tone.SUCCESS);
            case OPEN -> new Chip("To do", Chip.Tone.NEUTRAL);
            case LOST -> new Chip("No longer true", Chip.Tone.DANGER);
        };
        chip.setMinWidth(Region.USE_PREF_SIZE);
        Label label = new Label(l.item().label());
        label.setWrapText(true);
        String who = l.automatic()
                ? "Seen by Mailroom"
                : l.by().map(b -> "By " + b
                                + l.at().map(at -> ", " + Formats.exact(at)).orElse(""))
                        .orElse(l.done() ? "Ticked by a person" : "A person ticks it once checked");
        Label words = new Label(
                l.words().isEmpty()
                        ? who
                        : l.words() + "  ·  " + who
                                + l.evidenceName()
                                        .map(n -> "  ·  evidence: " + n)
                                        .orElse(""));
        words.setWrapText(true);
        words.getStyleClass().add("hint");
        VBox text = new VBox(2, label, words);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(10, chip, text);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setPadding(new Insets(2, 0, 2, 0));
        if (!l.automatic()) {
            Button b = new Button(l.done() ? "Un-tick…" : "Tick…");
            b.setId("onboarding-tick-" + l.item().id().value());
            b.visibleProperty().bind(vm.mayTick());
            b.managedProperty().bind(b.visibleProperty());
            b.setOnAction(e -> answer(l));
            row.getChildren().add(b);
        }
        return row;
    }

    /** The tick (or un-tick) dialog: a note, and for a tick an optional evidence file. */
    private void answer(Checklist.Line l) {
        boolean ticking = !l.done();
        Dialog<Boolean> dialog = new Dialog<>();
        dialog.initOwner(shell.window());
        dialog.setTitle(ticking ? "Tick" : "Un-tick");
        dialog.setHeaderText(l.item().label());
        TextArea note = new TextArea();
        note.setId("onboarding-note");
        note.setPrefRowCount(4);
        note.setWrapText(true);
        note.setPromptText(ticking ? "What was checked, and how" : "Why it is no longer done");
        Label file = new Label("No file attached (optional; PDF, PNG, JPEG, text, CSV or .eml, at most 2 MB).");
        file.setWrapText(true);
        file.setMinHeight(Region.USE_PREF_SIZE); // a dialog's VBox would otherwise cut it to one line with "…"
        Path[] chosen = new Path[1];
        Button attach = new Button("Attach evidence…", Icons.importFile());
        attach.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Evidence for \"" + l.item().label() + "\"");
            var f = chooser.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
            if (f != null) {
                chosen[0] = f.toPath();
                file.setText("Attached: " + f.getName());
            }
        });
        VBox body =
                new VBox(8, Forms.field("_Note", note, Forms.error(vm.errors().of("note"))));
        if (ticking) {
            body.getChildren()
                    .addAll(new HBox(8, attach), file, Forms.error(vm.errors().of("evidence")));
        }
        body.getChildren().add(Forms.error(vm.errors().general()));
        body.setPrefWidth(520);
        dialog.getDialogPane().setContent(body);
        ButtonType ok = new ButtonType(ticking ? "Tick" : "Un-tick", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, ok);
        Button okButton = (Button) dialog.getDialogPane().lookupButton(ok);
        okButton.setId("onboarding-answer-ok");
        okButton.disableProperty().bind(vm.busy());
        okButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            Runnable done = () -> {
                dialog.setResult(true);
                dialog.close();
            };
            if (ticking) {
                vm.tick(l, note.getText(), Optional.ofNullable(chosen[0]), done);
            } else {
                vm.untick(l, note.getText(), done);
            }
        });
        dialog.setResultConverter(b -> false);
        dialog.setOnHidden(e -> vm.errors().clear());
        dialog.showAndWait();
    }

    private void editChecklist() {
        ChecklistTemplateViewModel tvm =
                new ChecklistTemplateViewModel(session.services().onboarding(), session.actor(), runner);
        if (ChecklistTemplateDialog.show(shell.window(), tvm)) {
            refresh();
        }
    }

    private void escalate() {
        session.currentTenant().ifPresent(t -> {
            EscalationViewModel evm = new EscalationViewModel(session.services().escalation(), session.actor(), runner);
            evm.show(t.id());
            if (EscalationDialog.show(shell.window(), t.name(), evm)) {
                shell.reloadTenants(); // a ban archives the tenant
                refresh();
            }
        });
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void refresh() {
        session.currentTenant().ifPresent(t -> vm.show(t.id()));
        if (openEscalation && session.currentTenant().isPresent()) {
            openEscalation = false;
            javafx.application.Platform.runLater(this::escalate);
        }
    }
}
