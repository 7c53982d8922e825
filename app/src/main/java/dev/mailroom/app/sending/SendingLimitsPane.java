package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.OverLimitPolicy;
import dev.mailroom.model.sending.SendingLimitService;
import dev.mailroom.model.sending.TenantLimits;
import java.util.OptionalInt;
import java.util.Set;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The tenant profile's "Sending limits": probation with its daily cap, what happens to a message over a
 * limit, and the warm-up stage of each plan. Changing them needs {@link Permission#LIMITS_MANAGE}; the use
 * case checks it again.
 */
public final class SendingLimitsPane {
    private final Session session;
    private final BackgroundRunner runner;
    private final Shell shell;
    private final VBox root = new VBox(8);
    private final CheckBox probation = new CheckBox("On probation: at most");
    private final Spinner<Integer> cap = new Spinner<>(
            new SpinnerValueFactory.IntegerSpinnerValueFactory(1, SendingLimitService.MAX_PROBATION_CAP, 50, 10));
    private final ComboBox<OverLimitPolicy> policy = new ComboBox<>();
    private final Button save = new Button("Save _limits", Icons.save());
    private final Label probationNote = new Label();
    private final VBox plans = new VBox(4);
    private final Label readOnly = new Label("Only the client's Admin or Owner may change its limits.");
    private TenantId tenant;
    private TenantLimits loaded;

    public SendingLimitsPane(Session session, BackgroundRunner runner, Shell shell) {
        this.session = session;
        this.runner = runner;
        this.shell = shell;
        root.setId("sending-limits");
        Label heading = new Label("Sending limits");
        heading.getStyleClass().add("field-label");

        probation.setId("limits-probation");
        cap.setId("limits-probation-cap");
        cap.setEditable(true);
        cap.setPrefWidth(120);
        cap.disableProperty().bind(probation.selectedProperty().not());
        HBox probationRow = new HBox(8, probation, cap, new Label("messages a day"));
        probationRow.setAlignment(Pos.CENTER_LEFT);

        policy.setId("limits-over-limit");
        policy.getItems().setAll(OverLimitPolicy.values());
        policy.setConverter(new StringConverter<>() {
            @Override
            public String toString(OverLimitPolicy p) {
                return p == null ? "" : p.label();
            }

            @Override
            public OverLimitPolicy fromString(String s) {
                return null;
            }
        });
        save.setId("limits-save");
        save.getStyleClass().add("accent");
        save.setOnAction(e -> save());
        probationNote.setId("limits-probation-note");
        probationNote.getStyleClass().add("text-muted");
        readOnly.getStyleClass().add("text-muted");
        // Nothing to change until the settings and the person's permissions are read.
        readOnly.setVisible(false);
        readOnly.setManaged(false);
        probation.setDisable(true);
        policy.setDisable(true);
        save.setDisable(true);

        GridPane form = new GridPane();
        form.setHgap(16);
        form.setVgap(8);
        form.addRow(0, new Label("Probation"), probationRow);
        form.addRow(1, new Label("Over a limit"), policy);
        form.addRow(2, new Label("Warm-up"), plans);
        plans.setId("limits-plans");
        root.getChildren().setAll(heading, form, probationNote, new HBox(8, save, readOnly));
    }

    public Node root() {
        return root;
    }

    public void show(TenantId t) {
        tenant = t;
        runner.run(Task.of(
                "Reading sending limits",
                p -> new Facts(
                        session.services().limits().limits(session.actor(), t),
                        session.services().access().permissionsIn(session.actor(), t)),
                facts -> {
                    if (t.equals(tenant)) {
                        render(facts);
                    }
                },
                e -> Dialogs.showError(shell.window(), "Could not read the sending limits", e)));
    }

    private record Facts(SendingLimitService.Limits limits, Set<Permission> permissions) {}

    private void render(Facts facts) {
        loaded = facts.limits().settings();
        boolean mayChange = facts.permissions().contains(Permission.LIMITS_MANAGE);
        probation.setSelected(loaded.onProbation());
        cap.getValueFactory().setValue(loaded.probationCap().orElse(50));
        policy.setValue(loaded.overLimit());
        probation.setDisable(!mayChange);
        policy.setDisable(!mayChange);
        save.setDisable(!mayChange);
        readOnly.setVisible(!mayChange);
        readOnly.setManaged(!mayChange);
        probationNote.setText(loaded.probationBy()
                .map(by -> (loaded.onProbation() ? "Put on probation by " : "Probation lifted by ") + by
                        + loaded.probationAt()
                                .map(at -> " on " + Formats.exact(at))
                                .orElse("") + ".")
                .orElse(""));
        plans.getChildren().clear();
        if (facts.limits().plans().isEmpty()) {
            Label none = new Label("No warm-up plan. Set one per domain or mailbox under Connections.");
            none.getStyleClass().add("text-muted");
            plans.getChildren().add(none);
        }
        for (SendingLimitService.PlanStatus s : facts.limits().plans()) {
            Chip chip =
                    s.warmedUp() ? new Chip("Warmed up", Chip.Tone.SUCCESS) : new Chip("Ramping", Chip.Tone.WARNING);
            HBox line = new HBox(8, chip, new Label(s.plan().scope() + " — " + s.stage()));
            line.setAlignment(Pos.CENTER_LEFT);
            plans.getChildren().add(line);
        }
    }

    private void save() {
        TenantId t = tenant;
        TenantLimits before = loaded;
        if (t == null || before == null) {
            return;
        }
        cap.increment(0); // commits a typed value
        OptionalInt newCap = probation.isSelected() ? OptionalInt.of(cap.getValue()) : OptionalInt.empty();
        OverLimitPolicy newPolicy = policy.getValue();
        runner.run(Task.of(
                "Saving sending limits",
                p -> {
                    SendingLimitService limits = session.services().limits();
                    if (!newCap.equals(before.probationCap())) {
                        limits.setProbation(session.actor(), t, newCap);
                    }
                    if (newPolicy != null && newPolicy != before.overLimit()) {
                        limits.setOverLimitPolicy(session.actor(), t, newPolicy);
                    }
                    return null;
                },
                ok -> show(t),
                e -> Dialogs.showError(shell.window(), "Could not save the sending limits", e)));
    }
}
