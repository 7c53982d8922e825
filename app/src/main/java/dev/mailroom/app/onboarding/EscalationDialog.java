package dev.mailroom.app.onboarding;

import dev.mailroom.app.common.Converters;
import dev.mailroom.app.common.Forms;
import dev.mailroom.model.onboarding.PausePolicy;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Escalate or lift, with a reason, and the automatic-pause policy. Stays open until the use case accepts. */
public final class EscalationDialog {
    private EscalationDialog() {}

    /** Shows the dialog for the view model's tenant (call {@link EscalationViewModel#show} first); true when applied. */
    public static boolean show(Window owner, String tenantName, EscalationViewModel vm) {
        Dialog<Boolean> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Escalation: " + tenantName);
        dialog.setHeaderText("Restrict, suspend or ban " + tenantName
                + ", or lift it. Each step needs a reason and is recorded in the audit log.");

        Label current = new Label();
        current.setId("escalation-current");
        current.setWrapText(true);
        current.textProperty().bind(vm.current());
        current.getStyleClass().add("field-label");
        Label figures = new Label();
        figures.setWrapText(true);
        figures.textProperty().bind(vm.figures());

        ComboBox<EscalationViewModel.Action> action = new ComboBox<>();
        action.setId("escalation-action");
        action.getItems().setAll(vm.actions());
        action.valueProperty().bindBidirectional(vm.action());
        action.setConverter(Converters.labelled(EscalationViewModel.Action::label));
        action.setMaxWidth(Double.MAX_VALUE);
        TextField cap = new TextField();
        cap.setId("escalation-cap");
        cap.setPrefColumnCount(8);
        cap.textProperty().bindBidirectional(vm.cap().text());
        cap.setPromptText(vm.cap().range());
        cap.disableProperty().bind(vm.action().isNotEqualTo(EscalationViewModel.Action.RESTRICT));
        TextArea reason = new TextArea();
        reason.setId("escalation-reason");
        reason.setPrefRowCount(3);
        reason.setWrapText(true);
        reason.setPromptText("What happened, and what the client was told");
        reason.textProperty().bindBidirectional(vm.reason());

        ComboBox<PausePolicy> policy = new ComboBox<>();
        policy.setId("escalation-policy");
        policy.getItems().setAll(PausePolicy.values());
        policy.valueProperty().bindBidirectional(vm.policy());
        policy.setConverter(Converters.labelled(PausePolicy::label));
        policy.setMaxWidth(Double.MAX_VALUE);
        TextField minSent = new TextField();
        minSent.setId("escalation-min-sent");
        minSent.setPrefColumnCount(8);
        minSent.textProperty().bindBidirectional(vm.minSent().text());
        TextField window = new TextField();
        window.setId("escalation-window");
        window.setPrefColumnCount(4);
        window.textProperty().bindBidirectional(vm.window().text());

        var errors = vm.errors();
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(10);
        grid.add(Forms.field("_Step", action, new Label()), 0, 0, 2, 1);
        grid.add(Forms.field("Daily _cap (messages a day)", cap, Forms.error(errors.of("cap"))), 0, 1);
        grid.add(Forms.field("_Reason", reason, Forms.error(errors.of("reason"))), 0, 2, 2, 1);
        grid.add(Forms.field("Automatic _pause policy", policy, new Label()), 0, 3, 2, 1);
        grid.add(Forms.field("Judged from at least (sent)", minSent, Forms.error(errors.of("minSent"))), 0, 4);
        grid.add(Forms.field("Over the last (days)", window, Forms.error(errors.of("window"))), 1, 4);
        Label thresholds = new Label("Standard pauses at 10% bounces or 0.3% complaints; strict already at 5% or"
                + " 0.1%. Every policy shows a warning on the overview; the account manager decides.");
        thresholds.setWrapText(true);
        thresholds.getStyleClass().add("hint");
        grid.setPrefWidth(560);
        dialog.getDialogPane()
                .setContent(new VBox(10, current, figures, grid, thresholds, Forms.error(errors.general())));

        ButtonType apply = new ButtonType("Apply", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, apply);
        Button applyButton = (Button) dialog.getDialogPane().lookupButton(apply);
        applyButton.setId("escalation-apply");
        applyButton.disableProperty().bind(vm.busy());
        applyButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.apply(() -> {
                dialog.setResult(true);
                dialog.close();
            });
        });
        dialog.setResultConverter(b -> false);
        return dialog.showAndWait().orElse(false);
    }
}
