package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Converters;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.common.IntField;
import dev.mailroom.app.common.Tables;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.SendingLimitService.PlanStatus;
import dev.mailroom.model.sending.WarmupPlan;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Connections › Warm-up plans: one plan per sending domain or mailbox, with today's stage ("Day 4 of plan:
 * 40/day, 17 sent today"). Adding, changing and removing need {@link Permission#LIMITS_MANAGE}.
 */
public final class WarmupPlansPane {
    private final WarmupPlansViewModel vm;
    private final Shell shell;
    private final VBox root = new VBox(8);
    private final TableView<PlanStatus> table;
    private final Button add = new Button("Add _plan…", Icons.add());
    private final Button edit = new Button("Change…", Icons.edit());
    private final Button remove = new Button("Remove", Icons.purge());

    public WarmupPlansPane(Session session, BackgroundRunner runner, Shell shell) {
        this(
                new WarmupPlansViewModel(
                        session.services().limits(),
                        session.actor(),
                        (t, p) -> session.access().may(t, p),
                        session.services().clock(),
                        runner),
                shell);
    }

    WarmupPlansPane(WarmupPlansViewModel vm, Shell shell) {
        this.vm = vm;
        this.shell = shell;
        this.table = new TableView<>(vm.plans());
        root.setId("warmup-plans");
        Label heading = new Label("Warm-up plans");
        heading.getStyleClass().add("title-4");
        Label hint =
                new Label("New domains and mailboxes start small and ramp up. Over a plan, mail waits or is rejected "
                        + "as the client's profile says.");
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        add.setId("warmup-add");
        edit.setId("warmup-edit");
        remove.setId("warmup-remove");
        add.setOnAction(e -> openDialog(Optional.empty()));
        edit.setOnAction(e -> Optional.ofNullable(table.getSelectionModel().getSelectedItem())
                .ifPresent(s -> openDialog(Optional.of(s.plan()))));
        remove.setOnAction(e ->
                Optional.ofNullable(table.getSelectionModel().getSelectedItem()).ifPresent(this::remove));
        edit.disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());
        for (Button b : new Button[] {add, edit, remove}) {
            b.visibleProperty().bind(vm.mayManage());
            b.managedProperty().bind(vm.mayManage());
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(8, heading, spacer, add, edit, remove);
        head.setAlignment(Pos.CENTER_LEFT);

        table.setId("warmup-table");
        table.getColumns().add(Tables.text("Applies to", s -> s.plan().kind().label(), 100));
        table.getColumns().add(Tables.text("Domain or mailbox", s -> s.plan().scope(), 200));
        table.getColumns().add(Tables.wrapped("plan", "Plan", s -> s.plan().describe(), 250));
        table.getColumns().add(stageColumn());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(Tables.emptyState(
                "No warm-up plans",
                "A new sending domain or mailbox should start at a few messages a day: add a plan for it."));
        table.setPrefHeight(170);
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2
                    && table.getSelectionModel().getSelectedItem() != null
                    && vm.mayManage().get()) {
                openDialog(
                        Optional.of(table.getSelectionModel().getSelectedItem().plan()));
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().setAll(head, hint, table);
    }

    private TableColumn<PlanStatus, PlanStatus> stageColumn() {
        TableColumn<PlanStatus, PlanStatus> c = new TableColumn<>("Stage today");
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setSortable(false);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(PlanStatus s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setGraphic(null);
                    return;
                }
                Chip chip = s.warmedUp()
                        ? new Chip("Warmed up", Chip.Tone.SUCCESS)
                        : new Chip("Ramping", Chip.Tone.WARNING);
                chip.setMinWidth(Region.USE_PREF_SIZE);
                Label stage = new Label(s.stage());
                stage.setTooltip(new javafx.scene.control.Tooltip(s.stage()));
                HBox box = new HBox(8, chip, stage);
                box.setAlignment(Pos.CENTER_LEFT);
                setGraphic(box);
            }
        });
        c.setPrefWidth(320);
        return c;
    }

    public Node root() {
        return root;
    }

    public void show(Optional<TenantId> t) {
        vm.show(t);
    }

    private void remove(PlanStatus s) {
        if (Dialogs.confirm(
                shell.window(),
                "Remove the warm-up plan of " + s.plan().scope() + "?",
                "Mail from it is then limited only by the client's probation cap, if any.",
                "Remove")) {
            vm.remove(s);
        }
    }

    private void openDialog(Optional<WarmupPlan> existing) {
        vm.form(existing).ifPresent(form -> {
            if (planDialog(shell.window(), form).showAndWait().orElse(false)) {
                vm.refresh();
            }
        });
    }

    /**
     * The plan form: what it applies to, how it starts and grows, with a preview of the first days. It
     * stays open until the plan is saved; a refusal shows in it with everything as typed.
     */
    static Dialog<Boolean> planDialog(Window owner, WarmupPlanFormViewModel vm) {
        Dialog<Boolean> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(vm.isNew() ? "Add a warm-up plan" : "Change the warm-up plan");
        ComboBox<WarmupPlan.Scope> kind = new ComboBox<>(FXCollections.observableArrayList(WarmupPlan.Scope.values()));
        kind.setId("warmup-kind");
        kind.setConverter(Converters.labelled(WarmupPlan.Scope::label));
        kind.valueProperty().bindBidirectional(vm.kind());
        TextField scope = new TextField();
        scope.setId("warmup-scope");
        scope.textProperty().bindBidirectional(vm.scope());
        ComboBox<WarmupPlan.Growth> growth =
                new ComboBox<>(FXCollections.observableArrayList(WarmupPlan.Growth.values()));
        growth.setId("warmup-growth");
        growth.setConverter(Converters.labelled(WarmupPlan.Growth::label));
        growth.valueProperty().bindBidirectional(vm.growth());
        TextField start = number("warmup-start", vm.start());
        TextField step = number("warmup-step", vm.step());
        TextField ceiling = number("warmup-ceiling", vm.ceiling());
        DatePicker from = new DatePicker();
        from.setId("warmup-start-date");
        from.valueProperty().bindBidirectional(vm.startDate());
        kind.setDisable(!vm.isNew());
        scope.setDisable(!vm.isNew());
        scope.promptTextProperty()
                .bind(Bindings.when(vm.kind().isEqualTo(WarmupPlan.Scope.MAILBOX))
                        .then("hello@tryacme.com")
                        .otherwise("tryacme.com"));
        step.disableProperty().bind(vm.growth().isEqualTo(WarmupPlan.Growth.DOUBLING));

        Label preview = new Label();
        preview.setId("warmup-preview");
        preview.setWrapText(true);
        preview.setMaxWidth(460);
        preview.textProperty().bind(vm.preview());

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(8);
        form.setPadding(new Insets(8));
        form.addRow(0, new Label("Applies to"), kind);
        form.addRow(1, new Label("Domain or mailbox"), withError(scope, vm, "scope"));
        form.addRow(2, new Label("Messages on day 1"), withError(start, vm, "start"));
        form.addRow(3, new Label("Growth"), growth);
        form.addRow(4, new Label("Added each day"), withError(step, vm, "step"));
        form.addRow(5, new Label("Ceiling per day"), withError(ceiling, vm, "ceiling"));
        form.addRow(6, new Label("Starts on"), from);
        form.add(preview, 0, 7, 2, 1);
        Label general = Forms.error("form-error", vm.errors().general());
        general.setMaxWidth(460);
        form.add(general, 0, 8, 2, 1);
        scope.setPrefColumnCount(24);
        d.getDialogPane().setContent(form);
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(save, ButtonType.CANCEL);
        Node saveButton = d.getDialogPane().lookupButton(save);
        saveButton.setId("warmup-save");
        saveButton.disableProperty().bind(vm.busy());
        // Saving runs in the background: the dialog stays open until the plan is stored.
        saveButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.save(() -> {
                d.setResult(true);
                d.close();
            });
        });
        d.setResultConverter(b -> false);
        return d;
    }

    private static TextField number(String id, IntField field) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(10);
        f.textProperty().bindBidirectional(field.text());
        f.setPromptText(field.range());
        f.setTooltip(new Tooltip("A whole number " + field.range()));
        return f;
    }

    private static Node withError(Node field, WarmupPlanFormViewModel vm, String name) {
        Label error = Forms.error("error-" + name, vm.errors().of(name));
        error.setMaxWidth(360);
        return new VBox(4, field, error);
    }
}
