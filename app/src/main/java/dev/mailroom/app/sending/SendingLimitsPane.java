package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Converters;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.OverLimitPolicy;
import dev.mailroom.model.sending.SendingLimitService;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The tenant profile's "Sending limits": probation with its daily cap, what happens to a message over a
 * limit, and the warm-up stage of each plan. Changing them needs {@link Permission#LIMITS_MANAGE}; the use
 * case checks it again.
 */
public final class SendingLimitsPane {
    private final SendingLimitsViewModel vm;
    private final VBox root = new VBox(8);
    private final VBox plans = new VBox(4);

    public SendingLimitsPane(Session session, BackgroundRunner runner, Shell shell) {
        this(new SendingLimitsViewModel(
                session.services().limits(), session.services().access(), session.actor(), runner));
    }

    SendingLimitsPane(SendingLimitsViewModel vm) {
        this.vm = vm;
        root.setId("sending-limits");
        Label heading = new Label("Sending limits");
        heading.getStyleClass().add("field-label");
        BooleanBinding locked = vm.mayChange().not();

        CheckBox probation = new CheckBox("On probation: at most");
        probation.setId("limits-probation");
        probation.selectedProperty().bindBidirectional(vm.probation());
        probation.disableProperty().bind(locked);
        TextField cap = new TextField();
        cap.setId("limits-probation-cap");
        cap.setPrefColumnCount(8);
        cap.textProperty().bindBidirectional(vm.cap().text());
        cap.setPromptText(vm.cap().range());
        cap.setTooltip(new Tooltip("A whole number " + vm.cap().range()));
        cap.disableProperty().bind(vm.probation().not().or(locked));
        HBox probationRow = new HBox(8, probation, cap, new Label("messages a day"));
        probationRow.setAlignment(Pos.CENTER_LEFT);
        Label capError = Forms.error("error-probation", vm.errors().of("probation"));
        VBox probationBox = new VBox(4, probationRow, capError);

        ComboBox<OverLimitPolicy> policy = new ComboBox<>();
        policy.setId("limits-over-limit");
        policy.getItems().setAll(OverLimitPolicy.values());
        policy.setConverter(Converters.labelled(OverLimitPolicy::label));
        policy.valueProperty().bindBidirectional(vm.policy());
        policy.disableProperty().bind(locked);

        Button save = new Button("Save _limits", Icons.save());
        save.setId("limits-save");
        save.getStyleClass().add("accent");
        save.setOnAction(e -> vm.save());
        save.disableProperty().bind(locked.or(vm.busy()));
        Label probationNote = new Label();
        probationNote.setId("limits-probation-note");
        probationNote.getStyleClass().add("text-muted");
        probationNote.textProperty().bind(vm.note());
        Label readOnly = new Label("Only the client's Admin or Owner may change its limits.");
        readOnly.getStyleClass().add("text-muted");
        // Nothing to change until the settings and the person's permissions are read.
        readOnly.visibleProperty().bind(vm.loaded().and(locked));
        readOnly.managedProperty().bind(readOnly.visibleProperty());
        Label saved = new Label();
        saved.setId("limits-saved");
        saved.getStyleClass().add("text-muted");
        saved.textProperty().bind(vm.saved());

        GridPane form = new GridPane();
        form.setHgap(16);
        form.setVgap(8);
        form.addRow(0, new Label("Probation"), probationBox);
        form.addRow(1, new Label("Over a limit"), policy);
        form.addRow(2, new Label("Warm-up"), plans);
        plans.setId("limits-plans");
        vm.plans().addListener((ListChangeListener<SendingLimitService.PlanStatus>) c -> showPlans());
        vm.loaded().addListener(o -> showPlans());
        HBox actions = new HBox(8, save, readOnly, saved);
        actions.setAlignment(Pos.CENTER_LEFT);
        root.getChildren()
                .setAll(
                        heading,
                        form,
                        probationNote,
                        Forms.error("form-error", vm.errors().general()),
                        actions);
    }

    public Node root() {
        return root;
    }

    public void show(TenantId t) {
        vm.show(t);
    }

    private void showPlans() {
        plans.getChildren().clear();
        if (vm.plans().isEmpty()) {
            Label none = new Label("No warm-up plan. Set one per domain or mailbox under Connections.");
            none.getStyleClass().add("text-muted");
            plans.getChildren().add(none);
        }
        for (SendingLimitService.PlanStatus s : vm.plans()) {
            Chip chip =
                    s.warmedUp() ? new Chip("Warmed up", Chip.Tone.SUCCESS) : new Chip("Ramping", Chip.Tone.WARNING);
            HBox line = new HBox(8, chip, new Label(s.plan().scope() + " — " + s.stage()));
            line.setAlignment(Pos.CENTER_LEFT);
            plans.getChildren().add(line);
        }
    }
}
