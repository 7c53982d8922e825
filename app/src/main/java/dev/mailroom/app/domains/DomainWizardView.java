package dev.mailroom.app.domains;

import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.domains.DomainWizardViewModel.Step;
import dev.mailroom.app.domains.DomainWizardViewModel.SuggestionRow;
import dev.mailroom.model.domains.DomainSuggestions.Availability;
import dev.mailroom.model.domains.RecordPlan;
import dev.mailroom.model.domains.SendingDomain;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The add-a-domain wizard, shown in place of the Domains list: steps across the top, one step below. */
final class DomainWizardView {
    private final DomainWizardViewModel vm;
    private final Supplier<Window> window;
    private final Consumer<Optional<SendingDomain>> onClose;
    private final VBox root = new VBox(14);
    private final HBox steps = new HBox(6);
    private final VBox body = new VBox(12);
    private final Button back = new Button("_Back");
    private final Button next = new Button("_Next");
    private final Button cancel = new Button("Cancel");
    private final TextField name = new TextField();
    private final VBox suggestionList = new VBox(4);

    DomainWizardView(DomainWizardViewModel vm, Supplier<Window> window, Consumer<Optional<SendingDomain>> onClose) {
        this.vm = vm;
        this.window = window;
        this.onClose = onClose;
        root.setId("domain-wizard");
        root.getStyleClass().addAll("page", "domain-wizard");
        steps.setId("wizard-steps");
        steps.setAlignment(Pos.CENTER_LEFT);

        back.setId("wizard-back");
        back.setOnAction(e -> vm.back());
        next.setId("wizard-next");
        next.getStyleClass().add("accent");
        next.setDefaultButton(true);
        next.setOnAction(e -> {
            if (vm.step().get() == Step.DONE) {
                onClose.accept(Optional.ofNullable(vm.added().get()));
            } else {
                vm.next();
            }
        });
        cancel.setId("wizard-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onClose.accept(Optional.ofNullable(vm.added().get())));
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        Label busy = new Label();
        busy.setId("wizard-busy");
        busy.textProperty().bind(vm.busyText());
        busy.setGraphic(spinner);
        busy.visibleProperty().bind(vm.busy());
        busy.getStyleClass().add("text-muted");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox footer = new HBox(10, cancel, busy, gap, back, next);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.getStyleClass().add("wizard-footer");

        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("wizard-body");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        body.setPadding(new Insets(4, 8, 8, 2));
        Label title = new Label("Add a sending domain to " + vm.tenant().name());
        title.getStyleClass().add("page-title");
        root.getChildren().setAll(title, steps, scroll, vm.errors().general(), footer);

        name.setId("domain-name");
        name.setPromptText("tryacme.com");
        name.textProperty().bindBidirectional(vm.name());
        vm.suggestions().addListener((ListChangeListener<SuggestionRow>) c -> drawSuggestions());

        vm.step().addListener((o, was, now) -> draw());
        vm.busy().addListener((o, was, now) -> updateButtons());
        vm.nameOk().addListener((o, was, now) -> updateButtons());
        vm.records().addListener((ListChangeListener<RecordRow>) c -> {
            if (vm.step().get() == Step.RECORDS) {
                draw();
            }
        });
        draw();
    }

    Node root() {
        return root;
    }

    void focus() {
        name.requestFocus();
    }

    private void draw() {
        Step current = vm.step().get();
        steps.getChildren().clear();
        for (Step s : Step.values()) {
            Label l = new Label((s.ordinal() + 1) + "  " + s.label);
            l.setId("wizard-step-" + s.name().toLowerCase());
            l.getStyleClass().add("wizard-step");
            l.getStyleClass()
                    .add(
                            s == current
                                    ? "wizard-step-current"
                                    : s.ordinal() < current.ordinal() ? "wizard-step-done" : "wizard-step-todo");
            if (s.ordinal() > 0) {
                Label arrow = new Label("→");
                arrow.getStyleClass().add("text-muted");
                steps.getChildren().add(arrow);
            }
            steps.getChildren().add(l);
        }
        body.getChildren()
                .setAll(
                        switch (current) {
                            case DOMAIN -> domainStep();
                            case CONNECTION -> connectionStep();
                            case RECORDS -> recordsStep();
                            case HANDOFF -> handOffStep();
                            case DONE -> doneStep();
                        });
        next.setText(
                switch (current) {
                    case CONNECTION -> "Add and _check records";
                    case DONE -> "_Finish";
                    default -> "_Next";
                });
        updateButtons();
    }

    private void updateButtons() {
        Step s = vm.step().get();
        back.setVisible(vm.canGoBack());
        back.setManaged(back.isVisible());
        next.setDisable(vm.busy().get() || (s == Step.DOMAIN && !vm.nameOk().get()));
        cancel.setText(vm.added().get() == null ? "Cancel" : "Close");
    }

    private Node domainStep() {
        Label hint = new Label();
        hint.setId("domain-name-hint");
        hint.getStyleClass().add("text-muted");
        hint.textProperty().bind(vm.nameHint());
        hint.visibleProperty().bind(vm.nameHint().isNotEmpty());
        hint.managedProperty().bind(hint.visibleProperty());
        hint.setWrapText(true);
        Label problem = new Label();
        problem.setId("domain-name-problem");
        problem.getStyleClass().add("field-error");
        problem.textProperty().bind(vm.nameProblem());
        problem.visibleProperty().bind(vm.nameProblem().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setWrapText(true);
        VBox field = Forms.field("_Domain", name, problem);
        field.getChildren().add(hint);
        name.setMaxWidth(460);

        Button suggest = new Button("Suggest names like it");
        suggest.setId("suggest-names");
        suggest.disableProperty()
                .bind(vm.nameOk()
                        .not()
                        .and(vm.nameProblem().isEmpty().not().or(vm.name().isEmpty())));
        suggest.setOnAction(e -> vm.suggest());
        Label about =
                new Label("For a client at acme.com, names such as tryacme.com or acmehq.com keep the brand while "
                        + "protecting the main domain's reputation. Whether a name is free is asked of DNS: \"appears "
                        + "unregistered\" is a hint, never a promise — check with a registrar.");
        about.setWrapText(true);
        about.getStyleClass().add("text-muted");
        drawSuggestions();
        return new VBox(14, field, new VBox(8, sectionTitle("Suggestions"), about, suggest, suggestionList));
    }

    private void drawSuggestions() {
        suggestionList.getChildren().clear();
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(4);
        int row = 0;
        for (SuggestionRow s : vm.suggestions()) {
            Hyperlink use = new Hyperlink(s.name().unicode());
            use.setId("suggestion-" + s.name().ascii());
            use.setTooltip(new Tooltip("Use this name"));
            use.setOnAction(e -> vm.useSuggestion(s));
            Chip chip = s.availability()
                    .map(a -> switch (a) {
                        case APPEARS_UNREGISTERED -> new Chip(a.label(), Chip.Tone.SUCCESS);
                        case REGISTERED -> new Chip(a.label(), Chip.Tone.NEUTRAL);
                        case UNKNOWN -> new Chip(a.label(), Chip.Tone.NEUTRAL);
                    })
                    .orElse(new Chip("Asking DNS…", Chip.Tone.NEUTRAL));
            chip.setTooltip(new Tooltip(s.note()));
            Label note = new Label(s.availability()
                    .filter(a -> a == Availability.UNKNOWN)
                    .map(a -> s.note())
                    .orElse(""));
            note.getStyleClass().add("text-muted");
            note.setWrapText(true);
            note.setMaxWidth(520);
            grid.addRow(row++, use, chip, note);
        }
        suggestionList.getChildren().add(grid);
    }

    private Node connectionStep() {
        var errors = vm.errors();
        Label sender = new Label(
                "Built-in SMTP sender (the agency's relay). Provider connections arrive with their own screen.");
        sender.setWrapText(true);
        TextField spf = field("spf-term", vm.spf());
        TextField rpLabel = field("return-path-label", vm.returnPathLabel());
        TextField rpTarget = field("return-path-target", vm.returnPathTarget());
        TextField rua = field("dmarc-reports", vm.dmarcReports());
        rua.setPromptText("dmarc-reports@" + vm.name().get().strip());
        CheckBox rsa = new CheckBox("RSA 2048 (works everywhere)");
        rsa.setId("key-rsa");
        rsa.selectedProperty().bindBidirectional(vm.rsa());
        CheckBox ed = new CheckBox("Ed25519 as well (short keys; not every receiver checks them yet)");
        ed.setId("key-ed25519");
        ed.selectedProperty().bindBidirectional(vm.ed25519());
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(10);
        grid.add(Forms.field("_SPF term of the relay", spf, errors.labelFor("spfMechanism")), 0, 0, 2, 1);
        grid.add(Forms.field("_Return path host", rpLabel, errors.labelFor("returnPathLabel")), 0, 1);
        grid.add(Forms.field("Return path _points to", rpTarget, errors.labelFor("returnPathTarget")), 1, 1);
        grid.add(
                Forms.field("DMARC _report address (optional)", rua, errors.labelFor("dmarcReportAddress")),
                0,
                2,
                2,
                1);
        grid.add(new VBox(6, sectionTitle("DKIM keys"), rsa, ed, errors.labelFor("keys")), 0, 3, 2, 1);
        grid.setMaxWidth(720);
        Label note = new Label("Mailroom makes the DKIM keys and keeps the private halves encrypted. An existing SPF "
                + "record gets the relay merged in (never a second record); an existing DMARC record is kept.");
        note.setWrapText(true);
        note.getStyleClass().add("text-muted");
        return new VBox(12, sender, grid, note);
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private Node recordsStep() {
        VBox box = new VBox(10);
        String domain = Optional.ofNullable(vm.added().get())
                .map(d -> d.name().unicode())
                .orElse(vm.name().get());
        Label intro = new Label("Publish these records at the DNS host of " + domain
                + ". Changes can take from minutes to a few hours to show; press Check again after publishing.");
        intro.setWrapText(true);
        Button again = new Button("Check _again", Icons.refresh());
        again.setId("wizard-check-again");
        again.disableProperty().bind(vm.busy());
        again.setOnAction(e -> vm.checkAgain());
        box.getChildren().addAll(intro, again);
        if (vm.added().get() != null) {
            box.getChildren().add(ProviderDomainPane.of(vm.provider(), domain, vm::ourCheck));
        }
        RecordPlan plan = vm.plan().get();
        if (plan != null) {
            for (String w : plan.warnings()) {
                Label l = new Label(w);
                l.setWrapText(true);
                l.getStyleClass().add("warning-note");
                box.getChildren().add(l);
            }
        }
        if (!vm.records().isEmpty()) {
            box.getChildren().add(RecordList.of(vm.records(), vm.uses().clock().instant()));
        }
        if (vm.added().get() != null) {
            box.getChildren().add(optionalRecords());
        }
        return box;
    }

    /** The records a domain does not need to send, each with what it is for, added to the plan on request. */
    private Node optionalRecords() {
        var errors = vm.errors();
        String domain = vm.added().get().name().unicode();
        TextField mx = field("optional-mx-exchange", vm.mxExchange());
        mx.setPromptText("mx.mailhost.example");
        VBox mxBox = optional(
                "optional-mx",
                "Receive mail at " + domain + " (MX)",
                "Replies and bounces addressed to the domain itself need a mail server. Skip it when another "
                        + "service already receives the domain's mail.",
                vm.wantMx(),
                Forms.field("_Mail server", mx, errors.labelFor("mxExchange")));
        TextField trackLabel = field("optional-tracking-label", vm.trackingLabel());
        TextField trackTarget = field("optional-tracking-target", vm.trackingTarget());
        trackTarget.setPromptText("track.relay.example");
        HBox trackFields = new HBox(
                12,
                Forms.field("Host", trackLabel, errors.labelFor("trackingLabel")),
                Forms.field("_Points to", trackTarget, errors.labelFor("trackingTarget")));
        VBox trackBox = optional(
                "optional-tracking",
                "Tracking links under the domain's own name (CNAME)",
                "Open and click links then show the client's domain instead of the relay's, which receivers trust more.",
                vm.wantTracking(),
                trackFields);
        TextField stsMx = field("optional-mta-sts-mx", vm.mtaStsMx());
        stsMx.setPromptText("mx1.example.com, *.mailhost.example");
        TextField rua = field("optional-tls-reports", vm.tlsReports());
        rua.setPromptText("tls-reports@" + domain);
        VBox stsBox = optional(
                "optional-mta-sts",
                "Require encrypted delivery to the domain (MTA-STS and TLS reports)",
                "Senders then refuse to deliver to the domain's mail servers without TLS. It starts in testing mode; "
                        + "the TLS reports tell when it is safe to enforce.",
                vm.wantMtaSts(),
                new VBox(
                        8,
                        Forms.field("Inbound mail _servers", stsMx, errors.labelFor("mtaStsMx")),
                        Forms.field("TLS report address (optional)", rua, errors.labelFor("tlsReportAddress"))));
        Button add = new Button("Add to the _plan");
        add.setId("wizard-add-optional");
        add.disableProperty()
                .bind(vm.busy()
                        .or(vm.wantMx()
                                .or(vm.wantTracking())
                                .or(vm.wantMtaSts())
                                .not()));
        add.setOnAction(e -> vm.addOptionalRecords());
        Label intro = new Label("Not needed to send; add any that the client wants.");
        intro.getStyleClass().add("text-muted");
        VBox box = new VBox(10, sectionTitle("Optional records"), intro, mxBox, trackBox, stsBox, add);
        box.setId("wizard-optional-records");
        box.setMaxWidth(720);
        return box;
    }

    private static VBox optional(
            String id, String title, String why, javafx.beans.property.BooleanProperty wanted, Node fields) {
        CheckBox box = new CheckBox(title);
        box.setId(id);
        box.selectedProperty().bindBidirectional(wanted);
        Label note = new Label(why);
        note.setWrapText(true);
        note.getStyleClass().add("text-muted");
        fields.visibleProperty().bind(wanted);
        fields.managedProperty().bind(wanted);
        VBox.setMargin(note, new Insets(0, 0, 0, 26));
        VBox.setMargin(fields, new Insets(0, 0, 0, 26));
        return new VBox(4, box, note, fields);
    }

    private Node handOffStep() {
        RecordPlan plan = vm.plan().get();
        String domain = Optional.ofNullable(vm.added().get())
                .map(d -> d.name().unicode())
                .orElse("");
        Label intro = new Label("Whoever runs the DNS of " + domain + " needs these records. Copy them one by one on "
                + "the previous step, or save them in the form their DNS host takes:");
        intro.setWrapText(true);
        VBox box = new VBox(10, intro);
        for (DomainsViewModel.HandOffFormat f : DomainsViewModel.HandOffFormat.values()) {
            Button b = new Button("Save " + f.label + "…", Icons.save());
            b.setId("wizard-save-" + f.extension);
            b.setDisable(plan == null);
            b.setOnAction(e -> HandOffButtons.choose(window.get(), domain, f).ifPresent(path -> save(f, path)));
            box.getChildren().add(b);
        }
        Label sheet =
                new Label("The instruction sheet carries the agency's name and explains each record; open it in a "
                        + "browser to print it or save it as PDF.");
        sheet.setWrapText(true);
        sheet.getStyleClass().add("text-muted");
        box.getChildren().add(sheet);
        return box;
    }

    private void save(DomainsViewModel.HandOffFormat f, java.nio.file.Path path) {
        var agency = vm.uses().agencyName();
        var plan = vm.plan().get();
        var now = vm.uses().clock().instant();
        vm.busy().set(true);
        vm.busyText().set("Saving " + path.getFileName() + "…");
        vmRunner()
                .run(dev.mailroom.app.common.BackgroundRunner.Task.of(
                        "Saving " + path.getFileName(),
                        p -> {
                            java.nio.file.Files.writeString(
                                    path,
                                    DomainsViewModel.handOffText(
                                            plan,
                                            f,
                                            agency,
                                            vm.tenant().name(),
                                            vm.added().get().settings().ttl(),
                                            now));
                            return path;
                        },
                        saved -> {
                            vm.busy().set(false);
                            vm.busyText().set("");
                        },
                        e -> {
                            vm.busy().set(false);
                            dev.mailroom.app.common.Dialogs.showError(
                                    window.get(), "Could not save " + path.getFileName(), e);
                        }));
    }

    private dev.mailroom.app.common.BackgroundRunner vmRunner() {
        return vm.runner();
    }

    private Node doneStep() {
        String domain = Optional.ofNullable(vm.added().get())
                .map(d -> d.name().unicode())
                .orElse("");
        long found = vm.records().stream()
                .filter(r -> r.status()
                        .map(s -> s == dev.mailroom.model.domains.CheckStatus.FOUND)
                        .orElse(false))
                .count();
        Label done = new Label(domain + " is added to " + vm.tenant().name() + ". " + found + " of "
                + vm.records().size() + " records are in place.");
        done.setId("wizard-done");
        done.setWrapText(true);
        Label next =
                new Label("The Domains list shows its status; use Check again there once the records are published, "
                        + "or Check all domains to check every client at once.");
        next.setWrapText(true);
        next.getStyleClass().add("text-muted");
        return new VBox(10, done, next);
    }

    private static Label sectionTitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }
}
