package dev.mailroom.app.templates;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.templates.RenderProblem;
import dev.mailroom.model.templates.Rendering;
import dev.mailroom.model.templates.Template;
import dev.mailroom.model.templates.TemplateContent;
import dev.mailroom.model.templates.TemplateDraft;
import dev.mailroom.model.templates.TemplateKind;
import dev.mailroom.model.templates.TemplateOwner;
import dev.mailroom.model.templates.TemplateService;
import dev.mailroom.model.templates.TemplateVersion;
import dev.mailroom.model.templates.TestSendService;
import dev.mailroom.model.templates.VersionComparison;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The template editor's state: what is being edited, the latest preview rendering and what it found,
 * and the commands (save, versions, restore). Renders go through the runner, at most one at a time: a
 * change made while one runs is rendered right after it, so the preview always ends on the latest text
 * however fast someone types or however large the template is.
 */
public final class TemplateEditorViewModel {
    /** Delays a render until typing pauses; tests run it at once. */
    @FunctionalInterface
    public interface Debounce {
        void schedule(Runnable render);

        static Debounce immediate() {
            return Runnable::run;
        }
    }

    private final TemplateService service;
    private final Actor actor;
    private final BackgroundRunner runner;
    private final TemplateOwner owner;
    private final Optional<TenantId> previewTenant;
    private final boolean editable;
    private final Debounce debounce;

    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<TemplateKind> kind = new SimpleObjectProperty<>(TemplateKind.OTHER);
    private final StringProperty subject = new SimpleStringProperty("");
    private final StringProperty html = new SimpleStringProperty("");
    private final BooleanProperty handWrittenText = new SimpleBooleanProperty(false);
    private final StringProperty textPart = new SimpleStringProperty("");
    private final StringProperty sampleData = new SimpleStringProperty("{}");
    private final BooleanProperty usesBrandKit = new SimpleBooleanProperty(true);

    private final StringProperty previewHtml = new SimpleStringProperty("");
    private final StringProperty renderedSubject = new SimpleStringProperty("");
    private final StringProperty generatedText = new SimpleStringProperty("");
    private final ObservableList<RenderProblem> problems = FXCollections.observableArrayList();
    private final ObservableList<String> missingVariables = FXCollections.observableArrayList();
    private final ObservableList<String> blockedRemoteUrls = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final StringProperty renderStatus = new SimpleStringProperty("");
    private final IntegerProperty renders = new SimpleIntegerProperty(0);

    private final IntegerProperty version = new SimpleIntegerProperty(0);
    private final StringProperty savedBy = new SimpleStringProperty("");
    private final BooleanProperty dirty = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObjectProperty<Throwable> error = new SimpleObjectProperty<>();
    private final ObservableList<TemplateVersion> versions = FXCollections.observableArrayList();

    private final BooleanProperty testSendReady = new SimpleBooleanProperty(false);
    private final StringProperty testSendHint =
            new SimpleStringProperty("Checking whether this client can send a test…");
    private final BooleanProperty testSending = new SimpleBooleanProperty(false);
    private final StringProperty testSendResult = new SimpleStringProperty("");
    private final BooleanProperty testSendDelivered = new SimpleBooleanProperty(false);
    private TestSendService testSends;

    private Template template;
    private boolean rendering;
    private boolean renderAgain;
    private boolean loading;

    public TemplateEditorViewModel(
            TemplateService service,
            Actor actor,
            BackgroundRunner runner,
            TemplateOwner owner,
            Optional<TenantId> previewTenant,
            boolean editable,
            Debounce debounce) {
        this.service = service;
        this.actor = actor;
        this.runner = runner;
        this.owner = owner;
        this.previewTenant = previewTenant;
        this.editable = editable;
        this.debounce = debounce;
        subject.addListener((o, a, b) -> changed());
        html.addListener((o, a, b) -> changed());
        sampleData.addListener((o, a, b) -> changed());
        textPart.addListener((o, a, b) -> changed());
        handWrittenText.addListener((o, a, b) -> changed());
        usesBrandKit.addListener((o, a, b) -> changed());
        name.addListener((o, a, b) -> updateDirty());
        kind.addListener((o, a, b) -> updateDirty());
    }

    /** Shows a saved template (after opening, saving or restoring) and renders it. */
    public void load(Template t) {
        template = t;
        loading = true;
        try {
            TemplateContent c = t.content();
            name.set(t.name());
            kind.set(t.kind());
            subject.set(c.subject());
            html.set(c.html());
            handWrittenText.set(c.textPart().isPresent());
            textPart.set(c.textPart().orElse(""));
            sampleData.set(c.sampleData());
            usesBrandKit.set(c.usesBrandKit());
            version.set(t.version());
            savedBy.set(t.updatedBy());
        } finally {
            loading = false;
        }
        updateDirty();
        renderNow();
    }

    private void changed() {
        if (loading) {
            return;
        }
        updateDirty();
        debounce.schedule(this::renderNow);
    }

    private void updateDirty() {
        dirty.set(template != null && !template.toDraft().equals(draft()));
    }

    /** The editor's content as the use cases take it. */
    public TemplateDraft draft() {
        return new TemplateDraft(name.get(), kind.get(), content());
    }

    private TemplateContent content() {
        Optional<String> text = handWrittenText.get() ? Optional.of(textPart.get()) : Optional.empty();
        return new TemplateContent(subject.get(), html.get(), text, sampleData.get(), usesBrandKit.get());
    }

    /** Renders the current content now, or right after the render under way. */
    public void renderNow() {
        if (rendering) {
            renderAgain = true;
            return;
        }
        Optional<TenantId> tenant = previewTenant.or(
                () -> template == null ? Optional.empty() : template.owner().tenant());
        if (tenant.isEmpty()) {
            renderStatus.set("Choose a client to preview with its brand kit.");
            return;
        }
        rendering = true;
        TemplateContent content = content();
        runner.run(Task.of(
                "Rendering the preview", p -> service.preview(actor, tenant.get(), content), this::rendered, e -> {
                    rendering = false;
                    renderStatus.set(
                            "The preview could not be rendered: " + dev.mailroom.app.common.Dialogs.messageFor(e));
                    renderPending();
                }));
    }

    private void rendered(Rendering r) {
        rendering = false;
        renderedSubject.set(r.subject());
        generatedText.set(r.text());
        problems.setAll(r.problems());
        missingVariables.setAll(r.missingVariables());
        blockedRemoteUrls.setAll(r.blockedRemoteUrls());
        warnings.setAll(r.warnings());
        renderStatus.set(
                r.ok()
                        ? ""
                        : r.problems().size() == 1 ? "1 problem" : r.problems().size() + " problems");
        // A failed part renders empty: keep the last good preview rather than blank it while someone types.
        boolean htmlFailed = r.problems().stream()
                .anyMatch(p -> p.part() == RenderProblem.Part.HTML || p.part() == RenderProblem.Part.DATA);
        if (!htmlFailed || previewHtml.get().isEmpty()) {
            previewHtml.set(r.html());
        }
        renders.set(renders.get() + 1);
        renderPending();
    }

    private void renderPending() {
        if (renderAgain) {
            renderAgain = false;
            renderNow();
        }
    }

    /** Saves the content as a new version (Ctrl+S). */
    public void save() {
        if (!editable || template == null || busy.get()) {
            return;
        }
        busy.set(true);
        error.set(null);
        TemplateDraft d = draft();
        int basedOn = template.version();
        runner.run(Task.of(
                "Saving " + d.name(),
                p -> service.save(actor, owner, template.id(), d, basedOn),
                saved -> {
                    busy.set(false);
                    load(saved);
                    loadVersions();
                },
                this::failed));
    }

    public void loadVersions() {
        if (template == null) {
            return;
        }
        runner.run(Task.of(
                "Loading versions",
                p -> service.versions(actor, owner, template.id()),
                versions::setAll,
                this::failed));
    }

    public void restore(int number) {
        if (!editable || template == null) {
            return;
        }
        busy.set(true);
        runner.run(Task.of(
                "Restoring version " + number,
                p -> service.restore(actor, owner, template.id(), number),
                t -> {
                    busy.set(false);
                    load(t);
                    loadVersions();
                },
                this::failed));
    }

    public void compare(int left, int right, Consumer<VersionComparison> show) {
        runner.run(Task.of(
                "Comparing versions",
                p -> service.compare(actor, owner, template.id(), left, right),
                show,
                this::failed));
    }

    // --- test send ----------------------------------------------------------------------------------

    /** The client a test goes out from: the template's own, or for the library the client it is previewed with. */
    private Optional<TenantId> testTenant() {
        return previewTenant.or(
                () -> template == null ? Optional.empty() : template.owner().tenant());
    }

    /**
     * Turns on "Test send to myself" and asks in the background whether the client can send one; until
     * the answer comes, and when it cannot, the button is off and {@link #testSendHint()} says why.
     */
    public void enableTestSend(TestSendService service) {
        this.testSends = service;
        testSendReady.set(false);
        Optional<TenantId> tenant = testTenant();
        if (tenant.isEmpty()) {
            testSendHint.set("Choose a client first: a test goes out through one of its connections.");
            return;
        }
        testSendHint.set("Checking whether this client can send a test…");
        runner.run(Task.of(
                "Checking test send",
                p -> service.readiness(actor, tenant.get()),
                r -> {
                    testSendReady.set(r.ready());
                    testSendHint.set(r.route()
                            .map(route -> "Sends the template as it is in the editor, with the sample data, to "
                                    + route.to() + " via " + route.via() + ", from " + route.fromAddress() + ".")
                            .orElse(r.problem()));
                },
                e -> {
                    testSendReady.set(false);
                    testSendHint.set("Could not check whether this client can send: "
                            + dev.mailroom.app.common.Dialogs.messageFor(e));
                }));
    }

    /** Sends the editor's current content (saved or not) to the signed-in person, in the background. */
    public void testSend() {
        Optional<TenantId> tenant = testTenant();
        if (testSends == null || tenant.isEmpty() || !testSendReady.get() || testSending.get()) {
            return;
        }
        testSending.set(true);
        testSendResult.set("Sending a test to yourself…");
        testSendDelivered.set(false);
        TemplateContent content = content();
        TestSendService service = testSends;
        runner.run(Task.of(
                "Sending a test of " + name.get(),
                p -> service.send(actor, tenant.get(), content),
                r -> {
                    testSending.set(false);
                    testSendDelivered.set(r.delivered());
                    testSendResult.set(r.message());
                },
                e -> {
                    testSending.set(false);
                    testSendDelivered.set(false);
                    testSendResult.set("Not sent: " + dev.mailroom.app.common.Dialogs.messageFor(e));
                }));
    }

    public BooleanProperty testSendReady() {
        return testSendReady;
    }

    /** Why the button is off, or where a test would go. */
    public StringProperty testSendHint() {
        return testSendHint;
    }

    public BooleanProperty testSending() {
        return testSending;
    }

    /** The last test's outcome in a sentence ("Sent to … via …" or what went wrong); empty before the first. */
    public StringProperty testSendResult() {
        return testSendResult;
    }

    public BooleanProperty testSendDelivered() {
        return testSendDelivered;
    }

    /** Starts a hand-written plain-text part from what is generated now. */
    public void writeTextByHand(boolean byHand) {
        if (byHand && textPart.get().isBlank()) {
            textPart.set(generatedText.get());
        }
        handWrittenText.set(byHand);
    }

    private void failed(Throwable e) {
        busy.set(false);
        error.set(e);
    }

    public Optional<Template> template() {
        return Optional.ofNullable(template);
    }

    public TemplateOwner owner() {
        return owner;
    }

    public boolean editable() {
        return editable;
    }

    public StringProperty name() {
        return name;
    }

    public ObjectProperty<TemplateKind> kind() {
        return kind;
    }

    public StringProperty subject() {
        return subject;
    }

    public StringProperty html() {
        return html;
    }

    public BooleanProperty handWrittenText() {
        return handWrittenText;
    }

    public StringProperty textPart() {
        return textPart;
    }

    public StringProperty sampleData() {
        return sampleData;
    }

    public BooleanProperty usesBrandKit() {
        return usesBrandKit;
    }

    /** The PREVIEW rendering's HTML: the only HTML the preview ever loads. */
    public StringProperty previewHtml() {
        return previewHtml;
    }

    public StringProperty renderedSubject() {
        return renderedSubject;
    }

    public StringProperty generatedText() {
        return generatedText;
    }

    public ObservableList<RenderProblem> problems() {
        return problems;
    }

    public ObservableList<String> missingVariables() {
        return missingVariables;
    }

    public ObservableList<String> blockedRemoteUrls() {
        return blockedRemoteUrls;
    }

    public ObservableList<String> warnings() {
        return warnings;
    }

    public StringProperty renderStatus() {
        return renderStatus;
    }

    /** How many renders have come back: lets tests and the view wait for "the next one". */
    public IntegerProperty renders() {
        return renders;
    }

    public IntegerProperty version() {
        return version;
    }

    public StringProperty savedBy() {
        return savedBy;
    }

    public BooleanProperty dirty() {
        return dirty;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public ObjectProperty<Throwable> error() {
        return error;
    }

    public ObservableList<TemplateVersion> versions() {
        return versions;
    }
}
