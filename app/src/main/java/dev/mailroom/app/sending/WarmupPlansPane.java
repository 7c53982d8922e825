package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Converters;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.common.Tables;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.SendingLimitService.PlanStatus;
import dev.mailroom.model.sending.WarmupPlan;
import java.time.LocalDate;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
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
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
    private final Session session;
    private final BackgroundRunner runner;
    private final Shell shell;
    private final VBox root = new VBox(8);
    private final ObservableList<PlanStatus> plans = FXCollections.observableArrayList();
    private final TableView<PlanStatus> table = new TableView<>(plans);
    private final Button add = new Button("Add _plan…", Icons.add());
    private final Button edit = new Button("Change…", Icons.edit());
    private final Button remove = new Button("Remove", Icons.purge());
    private TenantId tenant;

    public WarmupPlansPane(Session session, BackgroundRunner runner, Shell shell) {
        this.session = session;
        this.runner = runner;
        this.shell = shell;
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
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(8, heading, spacer, add, edit, remove);
        head.setAlignment(Pos.CENTER_LEFT);

        table.setId("warmup-table");
        table.getColumns().add(Tables.text("Applies to", s -> s.plan().kind().label(), 100));
        table.getColumns().add(Tables.text("Domain or mailbox", s -> s.plan().scope(), 240));
        table.getColumns().add(Tables.text("Plan", s -> s.plan().describe(), 300));
        table.getColumns().add(stageColumn());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(Tables.emptyState(
                "No warm-up plans",
                "A new sending domain or mailbox should start at a few messages a day: add a plan for it."));
        table.setPrefHeight(170);
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && table.getSelectionModel().getSelectedItem() != null && !edit.isDisabled()) {
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
                HBox box = new HBox(8, chip, new Label(s.stage()));
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
        tenant = t.orElse(null);
        boolean manage =
                t.map(id -> session.access().may(id, Permission.LIMITS_MANAGE)).orElse(false);
        for (Button b : new Button[] {add, edit, remove}) {
            b.setVisible(manage);
            b.setManaged(manage);
        }
        if (t.isEmpty()) {
            plans.clear();
            return;
        }
        runner.run(Task.of(
                "Reading warm-up plans",
                p -> session.services()
                        .limits()
                        .limits(session.actor(), t.get())
                        .plans(),
                list -> {
                    if (t.get().equals(tenant)) {
                        plans.setAll(list);
                    }
                },
                e -> Dialogs.showError(shell.window(), "Could not read the warm-up plans", e)));
    }

    private void remove(PlanStatus s) {
        TenantId t = tenant;
        if (Dialogs.confirm(
                shell.window(),
                "Remove the warm-up plan of " + s.plan().scope() + "?",
                "Mail from it is then limited only by the client's probation cap, if any.",
                "Remove")) {
            runner.run(Task.of(
                    "Removing a warm-up plan",
                    p -> {
                        session.services()
                                .limits()
                                .removePlan(
                                        session.actor(),
                                        t,
                                        s.plan().kind(),
                                        s.plan().scope());
                        return null;
                    },
                    ok -> show(Optional.of(t)),
                    e -> Dialogs.showError(shell.window(), "Could not remove the plan", e)));
        }
    }

    private void openDialog(Optional<WarmupPlan> existing) {
        TenantId t = tenant;
        if (t == null) {
            return;
        }
        LocalDate today = LocalDate.now(session.services().clock());
        planDialog(shell.window(), existing, today)
                .showAndWait()
                .ifPresent(plan -> runner.run(Task.of(
                        "Saving a warm-up plan",
                        p -> {
                            session.services().limits().setPlan(session.actor(), t, plan);
                            return null;
                        },
                        ok -> show(Optional.of(t)),
                        e -> Dialogs.showError(shell.window(), "Could not save the plan", e))));
    }

    /** The plan form: what it applies to, how it starts and grows, with a preview of the first days. */
    static Dialog<WarmupPlan> planDialog(Window owner, Optional<WarmupPlan> existing, LocalDate today) {
        Dialog<WarmupPlan> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(existing.isPresent() ? "Change the warm-up plan" : "Add a warm-up plan");
        ComboBox<WarmupPlan.Scope> kind = new ComboBox<>(FXCollections.observableArrayList(WarmupPlan.Scope.values()));
        kind.setId("warmup-kind");
        TextField scope = new TextField();
        scope.setId("warmup-scope");
        Spinner<Integer> start = new Spinner<>(1, WarmupPlan.MAX_CEILING, 5);
        start.setId("warmup-start");
        ComboBox<WarmupPlan.Growth> growth =
                new ComboBox<>(FXCollections.observableArrayList(WarmupPlan.Growth.values()));
        growth.setId("warmup-growth");
        Spinner<Integer> step = new Spinner<>(1, WarmupPlan.MAX_CEILING, 5);
        step.setId("warmup-step");
        Spinner<Integer> ceiling = new Spinner<>(1, WarmupPlan.MAX_CEILING, 25);
        ceiling.setId("warmup-ceiling");
        DatePicker from = new DatePicker(today);
        from.setId("warmup-start-date");
        for (Spinner<Integer> s : java.util.List.of(start, step, ceiling)) {
            s.setEditable(true);
            s.setPrefWidth(130);
        }
        kind.setConverter(Converters.labelled(WarmupPlan.Scope::label));
        growth.setConverter(Converters.labelled(WarmupPlan.Growth::label));
        kind.setValue(existing.map(WarmupPlan::kind).orElse(WarmupPlan.Scope.MAILBOX));
        growth.setValue(existing.map(WarmupPlan::growth).orElse(WarmupPlan.Growth.LINEAR));
        existing.ifPresent(p -> {
            scope.setText(p.scope());
            start.getValueFactory().setValue(p.startPerDay());
            if (p.step() > 0) {
                step.getValueFactory().setValue(p.step());
            }
            ceiling.getValueFactory().setValue(p.ceiling());
            from.setValue(p.startDate());
        });
        kind.setDisable(existing.isPresent());
        scope.setDisable(existing.isPresent());
        scope.promptTextProperty()
                .bind(javafx.beans.binding.Bindings.when(kind.valueProperty().isEqualTo(WarmupPlan.Scope.MAILBOX))
                        .then("hello@tryacme.com")
                        .otherwise("tryacme.com"));
        step.disableProperty().bind(growth.valueProperty().isEqualTo(WarmupPlan.Growth.DOUBLING));

        Label preview = new Label();
        preview.setId("warmup-preview");
        preview.setWrapText(true);
        preview.setMaxWidth(460);
        Label error = new Label();
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        error.setMaxWidth(460);
        java.util.function.Supplier<WarmupPlan> build = () -> new WarmupPlan(
                kind.getValue(),
                scope.getText(),
                start.getValue(),
                growth.getValue(),
                step.getValue(),
                ceiling.getValue(),
                from.getValue() == null ? today : from.getValue());
        Runnable update = () -> {
            try {
                WarmupPlan p = build.get();
                StringBuilder days = new StringBuilder("Day by day: ");
                for (int i = 0; i < 6; i++) {
                    days.append(i == 0 ? "" : ", ")
                            .append(String.format(
                                    "%,d", p.allowanceOn(p.startDate().plusDays(i))));
                }
                preview.setText(days + " … Warmed up at " + String.format("%,d", p.ceiling()) + "/day on "
                        + p.warmedUpOn() + ".");
                error.setText("");
            } catch (InvalidInput e) {
                preview.setText("");
                error.setText(String.join(" ", e.problems().values()));
            }
        };
        kind.valueProperty().addListener((o, a, b) -> update.run());
        growth.valueProperty().addListener((o, a, b) -> update.run());
        scope.textProperty().addListener((o, a, b) -> update.run());
        start.valueProperty().addListener((o, a, b) -> update.run());
        step.valueProperty().addListener((o, a, b) -> update.run());
        ceiling.valueProperty().addListener((o, a, b) -> update.run());
        from.valueProperty().addListener((o, a, b) -> update.run());
        update.run();

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(8);
        form.setPadding(new Insets(8));
        form.addRow(0, new Label("Applies to"), kind);
        form.addRow(1, new Label("Domain or mailbox"), scope);
        form.addRow(2, new Label("Messages on day 1"), start);
        form.addRow(3, new Label("Growth"), growth);
        form.addRow(4, new Label("Added each day"), step);
        form.addRow(5, new Label("Ceiling per day"), ceiling);
        form.addRow(6, new Label("Starts on"), from);
        form.add(preview, 0, 7, 2, 1);
        form.add(error, 0, 8, 2, 1);
        scope.setPrefColumnCount(24);
        d.getDialogPane().setContent(form);
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(save, ButtonType.CANCEL);
        d.getDialogPane()
                .lookupButton(save)
                .disableProperty()
                .bind(error.textProperty().isNotEmpty());
        d.setResultConverter(b -> {
            if (b != save) {
                return null;
            }
            try {
                return build.get();
            } catch (InvalidInput e) {
                return null;
            }
        });
        return d;
    }
}
