package dev.mailroom.app.templates;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.common.Tables;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.templates.ImportReport;
import dev.mailroom.model.templates.Template;
import dev.mailroom.model.templates.TemplateId;
import dev.mailroom.model.tenants.Tenant;
import java.io.File;
import java.util.List;
import java.util.Optional;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * A client's templates (tenant › Templates) or the agency library (agency › Library): the list, the
 * selected template's detail, the starter library, bundles in and out, the brand kit, and the full
 * editor opened in place. What the person may not do is shown disabled with the reason; the use
 * cases check again.
 */
public final class TemplatesPage implements Page {
    private static final FileChooser.ExtensionFilter BUNDLES =
            new FileChooser.ExtensionFilter("Mailroom template bundles (*.json)", "*.json");

    private final Session session;
    private final BackgroundRunner runner;
    private final Shell shell;
    private final boolean library;
    private final TemplatesViewModel vm;
    private final StackPane root = new StackPane();
    private final VBox list = new VBox(12);
    private final TableView<Template> table = new TableView<>();
    private final VBox detail = new VBox(10);
    private final TextField filter = new TextField();
    private final Label readOnlyNote = new Label();
    private final Button newButton = new Button("_New from starter…", Icons.starter());
    private final Button importButton = new Button("_Import…", Icons.importFile());
    private final Button exportButton = new Button("E_xport…", Icons.export());
    private final Button brandButton = new Button("_Brand kit…", Icons.brandKit());
    private TemplateEditor editor;
    /** For screenshots: open the first template once the list is loaded ("template-editor[-mobile]"). */
    private Optional<String> openOnStart;

    private TemplatesPage(
            Session session, BackgroundRunner runner, Shell shell, boolean library, Optional<String> openOnStart) {
        this.openOnStart = openOnStart;
        this.session = session;
        this.runner = runner;
        this.shell = shell;
        this.library = library;
        this.vm = new TemplatesViewModel(
                session.services().templates(),
                session.actor(),
                runner,
                library,
                session.isAgencyOwner(),
                (tenant, permission) -> session.access().may(tenant, permission));
        vm.tenant().bind(session.currentTenantProperty());
        String prefix = library ? "library" : "templates";
        list.setId(prefix + "-page");
        list.getStyleClass().add("page");

        newButton.setId(prefix + "-new");
        newButton.getStyleClass().add("accent");
        newButton.setOnAction(e -> newItem());
        importButton.setId(prefix + "-import");
        importButton.setOnAction(e -> importBundle());
        exportButton.setId(prefix + "-export");
        exportButton.setOnAction(e -> exportSelected());
        exportButton
                .disableProperty()
                .bind(javafx.beans.binding.Bindings.isEmpty(
                        table.getSelectionModel().getSelectedItems()));
        brandButton.setId("templates-brand-kit");
        brandButton.setOnAction(e -> session.currentTenant()
                .ifPresent(t -> BrandKitDialog.show(
                        shell.window(),
                        new BrandKitViewModel(session.services().templates(), session.actor(), t, mayEdit(), runner))));

        for (Button b : List.of(newButton, importButton, exportButton, brandButton)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        filter.setId(prefix + "-filter");
        filter.setPromptText("Filter by name, kind or subject (Ctrl+F)");
        filter.setPrefWidth(300);
        filter.textProperty().bindBidirectional(vm.filter());

        table.setId(prefix + "-table");
        table.getColumns().add(Tables.text("Name", Template::name, 200));
        table.getColumns().add(Tables.text("Kind", t -> t.kind().label(), 150));
        table.getColumns().add(Tables.text("Version", t -> Integer.toString(t.version()), 80));
        table.getColumns()
                .add(Tables.text(
                        "Saved",
                        t -> Formats.ago(
                                t.updatedAt(), session.services().clock().instant()),
                        95));
        table.getColumns().add(Tables.text("By", Template::updatedBy, 120));
        table.getColumns().add(Tables.text("Origin", t -> t.origin().orElse("—"), 260));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        SortedList<Template> sorted = new SortedList<>(vm.shown());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(emptyState());
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, t) -> renderDetail(Optional.ofNullable(t)));
        table.setRowFactory(tv -> {
            javafx.scene.control.TableRow<Template> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    open(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                open(table.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });

        ScrollPane detailScroll = new ScrollPane(detail);
        detailScroll.setFitToWidth(true);
        detail.getStyleClass().add("detail-pane");
        SplitPane split = new SplitPane(table, detailScroll);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        VBox.setVgrow(split, Priority.ALWAYS);

        readOnlyNote.setId(prefix + "-readonly-note");
        readOnlyNote.setGraphic(Icons.lock());
        readOnlyNote.getStyleClass().add("readonly-note");
        readOnlyNote.setWrapText(true);
        readOnlyNote.textProperty().bind(vm.readOnlyNote());
        readOnlyNote.visibleProperty().bind(vm.readOnlyNote().isNotEmpty());
        readOnlyNote.managedProperty().bind(readOnlyNote.visibleProperty());
        newButton.disableProperty().bind(vm.mayEdit().not());
        importButton.disableProperty().bind(vm.mayEdit().not());

        Node header = library
                ? PageHeader.of(
                        "Library",
                        "Templates every client can see and copy. Only the agency owner edits them.",
                        importButton,
                        exportButton,
                        newButton)
                : PageHeader.of(
                        "Templates",
                        "This client's email templates. Enter opens the editor.",
                        brandButton,
                        importButton,
                        exportButton,
                        newButton);
        list.getChildren().setAll(header, readOnlyNote, filter, split);
        root.getChildren().setAll(list);
        renderDetail(Optional.empty());
        if (!library) {
            session.currentTenantProperty().addListener((o, was, now) -> {
                // A switch cannot wait; offer to keep unsaved work (the save still goes to the template's own client).
                if (editor != null
                        && editor.viewModel().dirty().get()
                        && editor.viewModel().editable()
                        && Dialogs.confirm(
                                shell.window(),
                                "Save your changes to \""
                                        + editor.viewModel().name().get() + "\"?",
                                "You switched to another client, so the editor closes. Saving keeps your changes as a new "
                                        + "version" + (was == null ? "." : " in " + was.name() + "."),
                                "Save")) {
                    editor.viewModel().save();
                }
                closeEditor();
                refresh();
            });
        }
    }

    public static TemplatesPage tenant(
            Session session, BackgroundRunner runner, Shell shell, Optional<String> openOnStart) {
        return new TemplatesPage(session, runner, shell, false, openOnStart);
    }

    public static TemplatesPage library(Session session, BackgroundRunner runner, Shell shell) {
        return new TemplatesPage(session, runner, shell, true, Optional.empty());
    }

    private Node emptyState() {
        Label l = new Label(
                library
                        ? "The agency library is empty. The agency owner can add templates from the starter library."
                        : "No templates yet. Start from one of the starter templates (Ctrl+N): it takes this client's brand kit.");
        l.setWrapText(true);
        return l;
    }

    private boolean mayEdit() {
        return vm.mayEdit().get();
    }

    private void renderDetail(Optional<Template> selected) {
        if (selected.isEmpty()) {
            Label none = new Label(
                    vm.templates().isEmpty()
                            ? ""
                            : "Select a template to see it; double-click or Enter opens the editor.");
            none.getStyleClass().add("text-muted");
            detail.getChildren().setAll(none);
            return;
        }
        Template t = selected.get();
        Label name = new Label(t.name());
        name.getStyleClass().add("title-3");
        Label kind = new Label(t.kind().label() + " · version " + t.version());
        kind.getStyleClass().add("text-muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button open = new Button(mayEdit() ? "_Edit" : "_Open", mayEdit() ? Icons.edit() : Icons.templates());
        open.setId("template-open");
        open.setOnAction(e -> open(t));
        HBox title = new HBox(10, name, kind, spacer);
        title.setAlignment(Pos.CENTER_LEFT);
        if (library) {
            Button copy = new Button("_Copy to current client", Icons.copy());
            copy.setId("library-copy");
            Optional<Tenant> target = vm.copyTarget();
            copy.setDisable(target.isEmpty());
            copy.setText(target.map(x -> "_Copy to " + x.name()).orElse("_Copy to current client"));
            copy.setOnAction(e -> target.ifPresent(x -> copyToTenant(t, x)));
            title.getChildren().add(copy);
            if (target.isEmpty()) {
                Label why = new Label("Choose a client where you may edit templates to copy this one there.");
                why.getStyleClass().add("text-muted");
                title.getChildren().add(why);
            }
        }
        title.getChildren().add(open);
        if (mayEdit()) {
            Button delete = new Button("De_lete…", Icons.purge());
            delete.getStyleClass().add("danger");
            delete.setOnAction(e -> delete(t));
            title.getChildren().add(delete);
        }
        GridPane facts = new GridPane();
        facts.setHgap(14);
        facts.setVgap(6);
        int row = 0;
        for (String[] f : List.of(
                new String[] {"Subject", t.content().subject()},
                new String[] {"Saved", Formats.exact(t.updatedAt()) + " by " + t.updatedBy()},
                new String[] {"Origin", t.origin().orElse("Created here")},
                new String[] {
                    "Brand kit",
                    t.content().usesBrandKit() ? "Used: a change to the kit shows at the next render" : "Not used"
                },
                new String[] {
                    "Plain text", t.content().textPart().isPresent() ? "Written by hand" : "Generated from the HTML"
                })) {
            Label k = new Label(f[0]);
            k.getStyleClass().add("text-muted");
            Label v = new Label(f[1]);
            v.setWrapText(true);
            facts.addRow(row++, k, v);
        }
        detail.getChildren().setAll(title, facts);
    }

    // --- opening the editor -----------------------------------------------------------------------

    private void open(Template t) {
        open(t, false);
    }

    private void open(Template t, boolean mobile) {
        vm.open(t, found -> {
            showEditor(found);
            if (mobile) {
                editor.showMobile();
            }
        });
    }

    private void showEditor(Template t) {
        // The library previews with the current client's kit: how the template would look there.
        Optional<TenantId> previewTenant = vm.previewTenant(t);
        javafx.animation.PauseTransition typing = new javafx.animation.PauseTransition(TemplateEditor.RENDER_DELAY);
        TemplateEditorViewModel vm = new TemplateEditorViewModel(
                session.services().templates(),
                session.actor(),
                runner,
                t.owner(),
                previewTenant,
                mayEdit(),
                render -> {
                    typing.setOnFinished(e -> render.run());
                    typing.playFromStart();
                });
        editor = new TemplateEditor(vm, runner, shell::window, library ? "Library" : "Templates", () -> {
            closeEditor();
            refresh();
        });
        vm.load(t);
        vm.enableTestSend(session.services().templateTestSend());
        root.getChildren().setAll(editor.root());
    }

    private void closeEditor() {
        editor = null;
        root.getChildren().setAll(list);
    }

    /** The open editor, if any (tests and the screenshot option reach the preview through it). */
    public Optional<TemplateEditor> editor() {
        return Optional.ofNullable(editor);
    }

    // --- commands ------------------------------------------------------------------------------------

    @Override
    public void newItem() {
        if (vm.owner().isEmpty() || !mayEdit() || editor != null) {
            return;
        }
        StarterDialog.show(shell.window(), vm.starters())
                .ifPresent(choice -> vm.create(choice.starter(), choice.name(), this::showEditor));
    }

    private void delete(Template t) {
        if (Dialogs.confirm(
                shell.window(),
                "Delete \"" + t.name() + "\"?",
                "The template and its " + t.version() + (t.version() == 1 ? " version are" : " versions are")
                        + " deleted. The audit log keeps a record.",
                "Delete")) {
            vm.delete(t);
        }
    }

    private void copyToTenant(Template t, Tenant target) {
        vm.copyToTenant(
                t,
                target,
                copied -> info(
                        "Copied to " + target.name(),
                        "\"" + copied.name() + "\" is now one of " + target.name()
                                + "'s templates, drawing on its brand kit. Find it under " + target.name()
                                + " › Templates."));
    }

    private void exportSelected() {
        List<Template> chosen = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (vm.owner().isEmpty() || chosen.isEmpty()) {
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setTitle("Export " + chosen.size() + (chosen.size() == 1 ? " template" : " templates"));
        fc.getExtensionFilters().setAll(BUNDLES);
        fc.setInitialFileName(vm.exportFileName());
        File file = fc.showSaveDialog(shell.window());
        if (file == null) {
            return;
        }
        vm.exportTo(
                chosen,
                file.toPath(),
                path -> info(
                        "Templates exported",
                        chosen.size() + (chosen.size() == 1 ? " template was" : " templates were") + " written to "
                                + path + ", with the brand kit and its logo."));
    }

    private void importBundle() {
        if (vm.owner().isEmpty()) {
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setTitle("Import a template bundle");
        fc.getExtensionFilters().setAll(BUNDLES, new FileChooser.ExtensionFilter("All files", "*.*"));
        File file = fc.showOpenDialog(shell.window());
        if (file != null) {
            vm.importFrom(file.toPath(), this::showReport);
        }
    }

    private void showReport(ImportReport report) {
        Alert a = new Alert(report.complete() ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING);
        a.initOwner(shell.window());
        a.setTitle("Mailroom");
        a.setHeaderText(TemplatesViewModel.reportHeader(report));
        TextArea text = new TextArea(vm.reportText(report));
        text.setId("import-report");
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(10);
        a.getDialogPane().setContent(text);
        a.show();
    }

    private void info(String header, String body) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(shell.window());
        a.setTitle("Mailroom");
        a.setHeaderText(header);
        a.setContentText(body);
        a.show();
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void refresh() {
        vm.updateAllowed();
        if (editor != null) {
            return;
        }
        Optional<TemplateId> selected =
                Optional.ofNullable(table.getSelectionModel().getSelectedItem()).map(Template::id);
        vm.refresh(found -> {
            if (openOnStart.isPresent() && !found.isEmpty()) {
                boolean mobile = openOnStart.get().endsWith("mobile");
                openOnStart = Optional.empty();
                open(found.get(0), mobile);
                return;
            }
            selected.flatMap(id -> table.getItems().stream()
                            .filter(t -> t.id().equals(id))
                            .findFirst())
                    .ifPresentOrElse(t -> table.getSelectionModel().select(t), () -> renderDetail(Optional.empty()));
        });
    }

    @Override
    public void focusFilter() {
        if (editor == null) {
            filter.requestFocus();
        }
    }
}
