package dev.mailroom.app.templates;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.FormErrors;
import dev.mailroom.app.common.Icons;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.templates.RenderProblem;
import dev.mailroom.model.templates.TemplateKind;
import dev.mailroom.model.templates.TemplateVersion;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.web.WebEngine;
import javafx.scene.web.WebView;
import javafx.stage.Window;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;

/**
 * The full template editor: source | preview | sample data, the subject above, the plain-text part in
 * a tab, version history in a drawer. The source is a RichTextFX CodeArea: it virtualises lines (a 5
 * MB template scrolls and types like a small one) and takes style spans computed off the FX thread,
 * which a TextArea cannot do and a WebView-hosted editor would need JavaScript for. The preview is a
 * WebView created here, when the editor first opens (it costs about 1.4 s), with JavaScript off; it
 * only ever loads the PREVIEW rendering, which holds no remote reference.
 */
public final class TemplateEditor {
    static final Duration RENDER_DELAY = Duration.millis(300);
    private static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());
    private static final double MOBILE_WIDTH = 390;
    /** How much of a generated text part the read-only view shows. */
    static final int TEXT_SHOWN = 100_000;

    private final TemplateEditorViewModel vm;
    private final BackgroundRunner runner;
    private final Supplier<Window> window;
    private final Runnable onClose;
    private final BorderPane root = new BorderPane();
    private final CodeArea source = new CodeArea();
    private final WebView preview = new WebView();
    private final FormErrors errors = new FormErrors();
    private final PauseTransition highlightPause = new PauseTransition(RENDER_DELAY);
    private ToggleButton mobileToggle;
    private CheckBox brandBox;
    private Label versionLabel;
    private boolean sourceFromArea;
    private long sourceEdits;

    public TemplateEditor(
            TemplateEditorViewModel vm,
            BackgroundRunner runner,
            Supplier<Window> window,
            String backLabel,
            Runnable onClose) {
        this.vm = vm;
        this.runner = runner;
        this.window = window;
        this.onClose = onClose;
        root.setId("template-editor");
        root.getStyleClass().addAll("page", "template-editor");
        // Lets UI tests reach the view model from the node they find.
        root.getProperties().put(TemplateEditorViewModel.class, vm);

        VBox top = new VBox(8, toolbar(backLabel), subjectRow());
        if (!vm.editable()) {
            Label note = new Label(
                    vm.owner().isAgency()
                            ? "The agency library is read-only: only the agency owner changes it. Copy the template into a client to edit it there."
                            : "Read-only: your role in this client lets you see templates, not change them.");
            note.setId("template-readonly-note");
            note.setGraphic(Icons.lock());
            note.getStyleClass().add("readonly-note");
            note.setWrapText(true);
            top.getChildren().add(note);
        }
        top.getChildren().add(testSendResult());
        top.getChildren().add(errors.general());
        top.setPadding(new Insets(0, 0, 8, 0));
        root.setTop(top);

        SplitPane panes = new SplitPane(sourcePane(), previewPane(), dataPane());
        panes.setDividerPositions(0.36, 0.77);
        root.setCenter(panes);
        root.setRight(historyDrawer());
        root.setBottom(problemsBar());

        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (SAVE.match(e)) {
                vm.save();
                e.consume();
            }
        });
        vm.error().addListener((o, was, err) -> {
            if (err == null) {
                errors.clear();
            } else if (!(err instanceof InvalidInput) || !errors.show(err)) {
                Dialogs.showError(window.get(), "The template could not be saved", err);
            }
        });
    }

    public Node root() {
        return root;
    }

    public TemplateEditorViewModel viewModel() {
        return vm;
    }

    /** Switches the preview to the phone width. */
    public void showMobile() {
        mobileToggle.setSelected(true);
    }

    WebView preview() {
        return preview;
    }

    private Node toolbar(String backLabel) {
        Button back = new Button(backLabel, Icons.back());
        back.setId("template-back");
        back.getStyleClass().add("flat");
        back.setOnAction(e -> close());

        TextField name = new TextField();
        name.setId("template-name");
        name.setPromptText("Template name");
        name.setPrefColumnCount(18);
        name.textProperty().bindBidirectional(vm.name());
        name.setEditable(vm.editable());

        ComboBox<TemplateKind> kind = new ComboBox<>();
        kind.getItems().setAll(TemplateKind.values());
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(TemplateKind k) {
                return k == null ? "" : k.label();
            }

            @Override
            public TemplateKind fromString(String s) {
                return null;
            }
        });
        kind.valueProperty().bindBidirectional(vm.kind());
        kind.setDisable(!vm.editable());

        CheckBox brand = new CheckBox("Uses the brand kit");
        brand.selectedProperty().bindBidirectional(vm.usesBrandKit());
        brand.setDisable(!vm.editable());

        Label version = new Label();
        version.setId("template-version");
        version.getStyleClass().add("text-muted");
        version.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> "Version " + vm.version().get()
                                + (vm.savedBy().get().isBlank()
                                        ? ""
                                        : " · " + vm.savedBy().get())
                                + (vm.dirty().get() ? " · unsaved changes" : ""),
                        vm.version(),
                        vm.savedBy(),
                        vm.dirty()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        ToggleButton history = new ToggleButton("_History", Icons.history());
        history.setId("template-history");
        history.selectedProperty().addListener((o, was, on) -> {
            Node drawer = root.getRight();
            drawer.setVisible(on);
            drawer.setManaged(on);
            if (on) {
                vm.loadVersions();
            }
        });

        // A disabled button shows no tooltip, so the reason (or where the test goes) hangs on a wrapper around it.
        Button testSend = new Button("_Test send to myself", Icons.mail());
        testSend.setId("template-test-send");
        testSend.disableProperty().bind(vm.testSendReady().not().or(vm.testSending()));
        testSend.setOnAction(e -> vm.testSend());
        StackPane testSendWrap = new StackPane(testSend);
        testSendWrap.setId("template-test-send-wrap");
        Tooltip testSendTip = new Tooltip();
        testSendTip.textProperty().bind(vm.testSendHint());
        testSendTip.setWrapText(true);
        testSendTip.setMaxWidth(420);
        Tooltip.install(testSendWrap, testSendTip);

        Button save = new Button("_Save", Icons.save());
        save.setId("template-save");
        save.getStyleClass().add("accent");
        save.setTooltip(new Tooltip("Save as a new version (Ctrl+S)"));
        save.setOnAction(e -> vm.save());
        save.disableProperty().bind(vm.busy().or(vm.dirty().not()));
        save.setVisible(vm.editable());
        save.setManaged(vm.editable());

        for (javafx.scene.control.Control c : List.of(back, history, testSend, save, kind)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox.setHgrow(name, Priority.SOMETIMES);
        name.setMaxWidth(380);
        VBox nameBox = new VBox(2, name, errors.labelFor("name"));
        HBox.setHgrow(nameBox, Priority.SOMETIMES);
        this.brandBox = brand;
        this.versionLabel = version;
        HBox bar = new HBox(10, back, nameBox, kind, spacer, history, testSendWrap, save);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** The last test send's outcome, under the toolbar until the next one. */
    private Node testSendResult() {
        Label result = new Label();
        result.setId("template-test-send-result");
        result.setWrapText(true);
        result.textProperty().bind(vm.testSendResult());
        Runnable update = () -> {
            boolean shown = !vm.testSendResult().get().isEmpty();
            result.setVisible(shown);
            result.setManaged(shown);
            result.getStyleClass().removeAll("success", "danger");
            if (!vm.testSending().get()) {
                result.getStyleClass().add(vm.testSendDelivered().get() ? "success" : "danger");
            }
            result.setGraphic(
                    vm.testSending().get() ? null : vm.testSendDelivered().get() ? Icons.verify() : Icons.warning());
        };
        vm.testSendResult().addListener((o, was, now) -> update.run());
        vm.testSending().addListener((o, was, now) -> update.run());
        update.run();
        return result;
    }

    private Node subjectRow() {
        Label label = new Label("Su_bject");
        label.setMnemonicParsing(true);
        label.getStyleClass().add("field-label");
        TextField subject = new TextField();
        subject.setId("template-subject");
        subject.setPromptText("Your order {{order.number}} is confirmed");
        subject.textProperty().bindBidirectional(vm.subject());
        subject.setEditable(vm.editable());
        label.setLabelFor(subject);
        HBox.setHgrow(subject, Priority.ALWAYS);
        Label rendered = new Label();
        rendered.setId("template-rendered-subject");
        rendered.getStyleClass().add("text-muted");
        rendered.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> vm.renderedSubject().get().isBlank()
                                ? ""
                                : "With the sample data: "
                                        + vm.renderedSubject().get(),
                        vm.renderedSubject()));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        brandBox.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(10, label, subject, brandBox);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox below = new HBox(10, rendered, gap, versionLabel);
        below.setPadding(new Insets(0, 0, 0, 62));
        return new VBox(3, row, errors.labelFor("subject"), below);
    }

    private Node sourcePane() {
        source.setId("template-source");
        source.getStyleClass().add("template-source");
        source.setParagraphGraphicFactory(LineNumberFactory.get(source));
        source.setEditable(vm.editable());
        source.replaceText(vm.html().get());
        source.getUndoManager().forgetHistory();
        toTop();
        source.plainTextChanges().subscribe(change -> {
            sourceEdits++;
            sourceFromArea = true;
            try {
                vm.html().set(source.getText());
            } finally {
                sourceFromArea = false;
            }
            highlightPause.playFromStart();
        });
        vm.html().addListener((o, was, now) -> {
            if (!sourceFromArea) {
                source.replaceText(now);
                source.getUndoManager().forgetHistory();
                toTop();
            }
        });
        highlightPause.setOnFinished(e -> highlight());
        highlight();

        VBox htmlBox = new VBox(new VirtualizedScrollPane<>(source), errors.labelFor("html"));
        VBox.setVgrow(htmlBox.getChildren().get(0), Priority.ALWAYS);
        Tab htmlTab = new Tab("HTML", htmlBox);
        htmlTab.setClosable(false);

        CheckBox byHand = new CheckBox("Write the plain text by hand");
        byHand.setId("template-text-by-hand");
        byHand.setSelected(vm.handWrittenText().get());
        byHand.setDisable(!vm.editable());
        byHand.selectedProperty().addListener((o, was, on) -> vm.writeTextByHand(on));
        vm.handWrittenText().addListener((o, was, on) -> byHand.setSelected(on));
        Label hint = new Label();
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        hint.textProperty()
                .bind(Bindings.when(vm.handWrittenText())
                        .then(
                                "Your own text, with the same {{variables}}. Untick to go back to the text generated from the HTML.")
                        .otherwise("Generated from the HTML at every render (shown here with the sample data)."));
        TextArea generated = new TextArea();
        generated.setId("template-text-generated");
        generated.setEditable(false);
        // A read-only view: a very long text part (a 5 MB template's) is shown in part, since a TextArea lays
        // out all of its text on the FX thread (4 s and more; found with --watch-stalls).
        generated
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> shownPart(vm.generatedText().get()), vm.generatedText()));
        TextArea own = new TextArea();
        own.setId("template-text-own");
        own.textProperty().bindBidirectional(vm.textPart());
        own.setEditable(vm.editable());
        for (TextArea a : List.of(generated, own)) {
            a.getStyleClass().add("code-text");
            a.setWrapText(true);
            VBox.setVgrow(a, Priority.ALWAYS);
        }
        generated.visibleProperty().bind(vm.handWrittenText().not());
        generated.managedProperty().bind(generated.visibleProperty());
        own.visibleProperty().bind(vm.handWrittenText());
        own.managedProperty().bind(own.visibleProperty());
        VBox textBox = new VBox(6, byHand, hint, generated, own, errors.labelFor("textPart"));
        textBox.setPadding(new Insets(8));
        Tab textTab = new Tab("Plain text", textBox);
        textTab.setClosable(false);
        textTab.setId("template-text-tab");

        TabPane tabs = new TabPane(htmlTab, textTab);
        tabs.setMinWidth(260);
        return tabs;
    }

    /** Replacing the text leaves the caret at its end: a template opens (or is restored) at its first line. */
    private void toTop() {
        source.moveTo(0);
        source.showParagraphAtTop(0);
    }

    /** Colours the source in the background; a result for text that changed meanwhile is dropped. */
    private void highlight() {
        String text = source.getText();
        long at = sourceEdits;
        runner.run(Task.of(
                "Highlighting the source",
                p -> HtmlHighlighter.spans(text),
                (StyleSpans<Collection<String>> spans) -> {
                    if (at == sourceEdits && spans.length() == source.getLength()) {
                        source.setStyleSpans(0, spans);
                    }
                },
                e -> {}));
    }

    private Node previewPane() {
        WebEngine engine = preview.getEngine();
        engine.setJavaScriptEnabled(false);
        preview.setContextMenuEnabled(false);
        preview.setId("template-preview");
        vm.previewHtml().addListener((o, was, html) -> engine.loadContent(html, "text/html"));
        if (!vm.previewHtml().get().isEmpty()) {
            engine.loadContent(vm.previewHtml().get(), "text/html");
        }

        ToggleGroup widths = new ToggleGroup();
        ToggleButton desktop = new ToggleButton("Desktop", Icons.desktop());
        desktop.setId("preview-desktop");
        ToggleButton mobile = new ToggleButton("Mobile", Icons.phone());
        mobileToggle = mobile;
        mobile.setId("preview-mobile");
        desktop.setToggleGroup(widths);
        mobile.setToggleGroup(widths);
        desktop.setSelected(true);
        desktop.getStyleClass().add("left-pill");
        desktop.setMinWidth(Region.USE_PREF_SIZE);
        mobile.setMinWidth(Region.USE_PREF_SIZE);
        mobile.getStyleClass().add("right-pill");
        StackPane frame = new StackPane(preview);
        frame.getStyleClass().add("preview-frame");
        widths.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true);
                return;
            }
            boolean phone = now == mobile;
            preview.setMaxWidth(phone ? MOBILE_WIDTH : Double.MAX_VALUE);
            preview.setPrefWidth(phone ? MOBILE_WIDTH : 640);
            frame.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("mobile"), phone);
        });
        VBox.setVgrow(frame, Priority.ALWAYS);

        Chip blocked = new Chip("", Chip.Tone.WARNING);
        blocked.setId("preview-blocked");
        Runnable updateBlocked = () -> {
            int n = vm.blockedRemoteUrls().size();
            blocked.setText(n + " remote " + (n == 1 ? "image" : "images") + " not loaded");
            blocked.setVisible(n > 0);
            blocked.setTooltip(
                    n == 0
                            ? null
                            : new Tooltip(
                                    "The preview never fetches anything. In the sent email these load " + "from:\n"
                                            + String.join(
                                                    "\n",
                                                    vm.blockedRemoteUrls().stream()
                                                            .limit(10)
                                                            .toList())));
        };
        vm.blockedRemoteUrls().addListener((ListChangeListener<String>) c -> updateBlocked.run());
        updateBlocked.run();
        Label status = new Label();
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(vm.renderStatus());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(0, desktop, mobile, spacer, blocked);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setSpacing(6);
        VBox box = new VBox(6, bar, frame, status);
        box.setPadding(new Insets(6));
        box.setMinWidth(300);
        return box;
    }

    private Node dataPane() {
        Label title = new Label("Sample _data (JSON)");
        title.setMnemonicParsing(true);
        title.getStyleClass().add("field-label");
        TextArea data = new TextArea();
        data.setId("template-sample-data");
        data.getStyleClass().add("code-text");
        data.textProperty().bindBidirectional(vm.sampleData());
        data.setEditable(vm.editable());
        title.setLabelFor(data);
        VBox.setVgrow(data, Priority.ALWAYS);

        Label dataError = new Label();
        dataError.setId("sample-data-error");
        dataError.getStyleClass().add("field-error");
        dataError.setWrapText(true);
        Runnable updateDataError = () -> {
            String text = vm.problems().stream()
                    .filter(p -> p.part() == RenderProblem.Part.DATA)
                    .map(TemplateEditor::withEvidence)
                    .findFirst()
                    .orElse("");
            dataError.setText(text);
            dataError.setVisible(!text.isEmpty());
            dataError.setManaged(!text.isEmpty());
        };
        vm.problems().addListener((ListChangeListener<RenderProblem>) c -> updateDataError.run());
        updateDataError.run();

        Label missingTitle = new Label("Variables the data lacks");
        missingTitle.getStyleClass().add("field-label");
        FlowPane missing = new FlowPane(6, 6);
        missing.setId("missing-variables");
        Label none = new Label("None: the data has every variable the template uses.");
        none.getStyleClass().add("text-muted");
        none.setWrapText(true);
        // The sentence sits outside the FlowPane: a label in a FlowPane keeps its one-line width and is cut off.
        Runnable updateMissing = () -> {
            boolean all = vm.missingVariables().isEmpty();
            none.setVisible(all);
            none.setManaged(all);
            missing.setVisible(!all);
            missing.setManaged(!all);
            missing.getChildren()
                    .setAll(vm.missingVariables().stream()
                            .map(v -> (Node) new Chip(v, Chip.Tone.WARNING))
                            .toList());
        };
        vm.missingVariables().addListener((ListChangeListener<String>) c -> updateMissing.run());
        updateMissing.run();

        none.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(6, title, data, dataError, errors.labelFor("sampleData"), missingTitle, none, missing);
        box.setPadding(new Insets(6));
        box.setMinWidth(220);
        return box;
    }

    private Node problemsBar() {
        VBox list = new VBox(2);
        list.setId("template-problems");
        list.getStyleClass().add("problems-bar");
        Runnable update = () -> {
            list.getChildren().clear();
            for (RenderProblem p : vm.problems()) {
                if (p.part() == RenderProblem.Part.DATA) {
                    continue;
                }
                Button b = new Button(p.describe(), Icons.warning());
                b.getStyleClass().addAll("flat", "problem");
                b.setTooltip(p.evidence().isBlank() ? null : new Tooltip(p.evidence()));
                b.setOnAction(e -> goTo(p));
                list.getChildren().add(b);
            }
            for (String w : vm.warnings()) {
                Label l = new Label(w);
                l.getStyleClass().add("text-muted");
                list.getChildren().add(l);
            }
            list.setVisible(!list.getChildren().isEmpty());
            list.setManaged(list.isVisible());
        };
        vm.problems().addListener((ListChangeListener<RenderProblem>) c -> update.run());
        vm.warnings().addListener((ListChangeListener<String>) c -> update.run());
        update.run();
        return list;
    }

    private static String withEvidence(RenderProblem p) {
        return p.describe() + (p.evidence().isBlank() ? "" : "\n" + p.evidence());
    }

    /** Puts the caret where an HTML problem is; other parts have their own fields. */
    private void goTo(RenderProblem p) {
        if (p.part() != RenderProblem.Part.HTML || !p.hasPosition()) {
            return;
        }
        int paragraph = Math.min(p.line() - 1, source.getParagraphs().size() - 1);
        int column = Math.min(Math.max(0, p.column() - 1), source.getParagraphLength(paragraph));
        source.moveTo(paragraph, column);
        source.requestFollowCaret();
        source.requestFocus();
    }

    private Node historyDrawer() {
        Label title = new Label("Versions");
        title.getStyleClass().add("title-4");
        ListView<TemplateVersion> list = new ListView<>(vm.versions());
        list.setId("version-list");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(TemplateVersion v, boolean empty) {
                super.updateItem(v, empty);
                if (empty || v == null) {
                    setText(null);
                    return;
                }
                setText("Version " + v.number() + " · " + v.authorName() + "\n" + WHEN.format(v.at())
                        + (v.note().isBlank() ? "" : "\n" + v.note()));
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        Label hint = new Label("Select one version to compare with the current one, or two to compare them.");
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        Button compare = new Button("_Compare");
        compare.setId("version-compare");
        compare.disableProperty().bind(Bindings.isEmpty(list.getSelectionModel().getSelectedItems()));
        compare.setOnAction(e -> {
            List<TemplateVersion> chosen = List.copyOf(list.getSelectionModel().getSelectedItems());
            int left = chosen.size() >= 2
                    ? Math.min(chosen.get(0).number(), chosen.get(1).number())
                    : chosen.get(0).number();
            int right = chosen.size() >= 2
                    ? Math.max(chosen.get(0).number(), chosen.get(1).number())
                    : vm.version().get();
            vm.compare(left, right, c -> VersionCompareDialog.show(window.get(), c));
        });
        Button restore = new Button("_Restore");
        restore.setId("version-restore");
        restore.disableProperty()
                .bind(Bindings.size(list.getSelectionModel().getSelectedItems())
                        .isNotEqualTo(1)
                        .or(vm.busy()));
        restore.setVisible(vm.editable());
        restore.setOnAction(e -> {
            TemplateVersion v = list.getSelectionModel().getSelectedItem();
            if (vm.dirty().get()
                    && !Dialogs.confirm(
                            window.get(),
                            "Restore version " + v.number() + "?",
                            "Your unsaved changes are lost. The restored content becomes a new version; nothing saved is lost.",
                            "Restore")) {
                return;
            }
            vm.restore(v.number());
        });
        HBox buttons = new HBox(8, compare, restore);
        VBox drawer = new VBox(8, title, hint, list, buttons);
        drawer.setId("version-drawer");
        drawer.getStyleClass().add("side-drawer");
        drawer.setPrefWidth(260);
        drawer.setVisible(false);
        drawer.setManaged(false);
        return drawer;
    }

    /** Back to the list, asking first when there are unsaved changes. */
    public void close() {
        if (vm.dirty().get()
                && !Dialogs.confirm(
                        window.get(),
                        "Discard your changes to \"" + vm.name().get() + "\"?",
                        "They were not saved. Saving (Ctrl+S) keeps them as a new version.",
                        "Discard")) {
            return;
        }
        onClose.run();
    }

    /** The first {@link #TEXT_SHOWN} characters of a long text (never half a surrogate pair), saying what is left. */
    static String shownPart(String text) {
        if (text == null || text.length() <= TEXT_SHOWN) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(TEXT_SHOWN - 1)) ? TEXT_SHOWN - 1 : TEXT_SHOWN;
        return text.substring(0, end)
                + "\n\n… " + dev.mailroom.app.common.Formats.count(text.length() - end)
                + " more characters not shown here; the message carries the whole text.";
    }
}
