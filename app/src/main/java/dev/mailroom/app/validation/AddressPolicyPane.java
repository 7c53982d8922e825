package dev.mailroom.app.validation;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.Converters;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.session.Session;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.validation.RiskyAddressPolicy;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The tenant profile's "Risky addresses": send, hold or drop messages to risky recipients. */
public final class AddressPolicyPane {
    private final AddressPolicyViewModel vm;
    private final VBox root = new VBox(8);

    public AddressPolicyPane(Session session, BackgroundRunner runner) {
        this(new AddressPolicyViewModel(
                session.services().addressPolicy(), session.services().access(), session.actor(), runner));
    }

    AddressPolicyPane(AddressPolicyViewModel vm) {
        this.vm = vm;
        root.setId("address-policy");
        Label heading = new Label("Risky addresses");
        heading.getStyleClass().add("field-label");
        Label intro = new Label("Role addresses (info@), throw-away domains, likely typos (gmial.com), quoted or"
                + " IP-address recipients: what the outbox does with a message to one.");
        intro.setWrapText(true);
        intro.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wraps instead of ending in "…"
        intro.getStyleClass().add("text-muted");
        BooleanBinding locked = vm.mayChange().not();
        ComboBox<RiskyAddressPolicy> choice = new ComboBox<>();
        choice.setId("address-policy-risky");
        choice.getItems().setAll(RiskyAddressPolicy.values());
        choice.setConverter(Converters.labelled(RiskyAddressPolicy::label));
        choice.valueProperty().bindBidirectional(vm.risky());
        choice.disableProperty().bind(locked);
        Label explanation = new Label();
        explanation.setId("address-policy-explanation");
        explanation.setWrapText(true);
        explanation.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        explanation.textProperty().bind(vm.explanation());
        Button save = new Button("Save", Icons.save());
        save.setId("address-policy-save");
        save.getStyleClass().add("accent");
        save.setOnAction(e -> vm.save());
        save.disableProperty().bind(locked.or(vm.busy()));
        Label readOnly = new Label("Only the client's Admin or Owner may change it.");
        readOnly.getStyleClass().add("text-muted");
        readOnly.visibleProperty().bind(vm.loaded().and(locked));
        readOnly.managedProperty().bind(readOnly.visibleProperty());
        Label note = new Label();
        note.setId("address-policy-note");
        note.getStyleClass().add("text-muted");
        note.textProperty().bind(vm.note());
        Label saved = new Label();
        saved.setId("address-policy-saved");
        saved.getStyleClass().add("text-muted");
        saved.textProperty().bind(vm.saved());
        HBox row = new HBox(8, choice, save, readOnly, saved);
        row.setAlignment(Pos.CENTER_LEFT);
        root.getChildren()
                .setAll(
                        heading,
                        intro,
                        row,
                        Forms.error("error-address-policy", vm.errors().of("risky")),
                        explanation,
                        note,
                        Forms.error("address-policy-error", vm.errors().general()));
    }

    public Node root() {
        return root;
    }

    public void show(TenantId t) {
        vm.show(t);
    }
}
