package dev.mailroom.app.tenants;

import dev.mailroom.app.common.Converters;
import dev.mailroom.app.common.FieldErrors;
import dev.mailroom.app.common.Forms;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Window;

/** The add/edit tenant form. It stays open until the save succeeds, showing problems next to fields. */
final class TenantFormDialog {
    private TenantFormDialog() {}

    /** The form as the signed-in person opens it: their tenant use case, and the tenants they see so far. */
    static TenantFormViewModel viewModel(
            dev.mailroom.app.session.Session session,
            dev.mailroom.app.common.BackgroundRunner runner,
            Optional<Tenant> editing) {
        return new TenantFormViewModel(
                session.services().tenants(), session.actor(), session.tenants().size(), runner, editing);
    }

    static Optional<Tenant> show(Window owner, TenantFormViewModel vm) {
        Dialog<Tenant> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(vm.isNew() ? "Add tenant" : "Edit tenant");
        dialog.setHeaderText(
                vm.isNew()
                        ? "A tenant is one client company: its domains, templates, users and reports."
                        : "Changes apply at once and are recorded in the audit log.");

        TextField name = new TextField();
        name.setId("tenant-name");
        name.setPromptText("Able Moose Group");
        name.textProperty().bindBidirectional(vm.name());
        ColorPicker color = new ColorPicker(Color.web(vm.accentColor().get()));
        color.setId("tenant-color");
        color.getCustomColors()
                .setAll(java.util.Arrays.stream(TenantFormViewModel.PALETTE)
                        .map(Color::web)
                        .toList());
        color.valueProperty().addListener((o, was, c) -> vm.accentColor().set(hex(c)));
        TextField contact = new TextField();
        contact.setId("tenant-contact-name");
        contact.textProperty().bindBidirectional(vm.contactName());
        TextField email = new TextField();
        email.setId("tenant-contact-email");
        email.setPromptText("it@client.com");
        email.textProperty().bindBidirectional(vm.contactEmail());
        ComboBox<OwnershipModel> ownership = new ComboBox<>();
        ownership.setId("tenant-ownership");
        ownership.getItems().setAll(OwnershipModel.values());
        ownership.valueProperty().bindBidirectional(vm.ownership());
        ownership.setConverter(Converters.labelled(OwnershipModel::label));
        ComboBox<PartnerAccessPattern> access = new ComboBox<>();
        access.setId("tenant-partner-access");
        access.getItems().setAll(PartnerAccessPattern.values());
        access.valueProperty().bindBidirectional(vm.partnerAccess());
        access.setConverter(Converters.labelled(PartnerAccessPattern::label));
        access.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(PartnerAccessPattern item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
            }
        });
        ownership.setMaxWidth(Double.MAX_VALUE);
        access.setMaxWidth(Double.MAX_VALUE);

        var errors = vm.errors();
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(10);
        grid.add(Forms.field("_Name", name, error(errors, "name")), 0, 0, 2, 1);
        grid.add(Forms.field("_Accent colour", color, error(errors, "accentColor")), 0, 1);
        grid.add(Forms.field("Contact _person", contact, error(errors, "contactName")), 0, 2);
        grid.add(Forms.field("Contact _email", email, error(errors, "contactEmail")), 1, 2);
        grid.add(Forms.field("Infrastructure _owned by", ownership, error(errors, "ownership")), 0, 3);
        grid.add(Forms.field("Partner a_ccess", access, error(errors, "partnerAccess")), 1, 3);
        GridPane.setHgrow(name, Priority.ALWAYS);
        // Two equal columns: a long message wraps inside its column instead of squeezing the other
        // (it used to collapse the colour picker).
        ColumnConstraints col = new ColumnConstraints();
        col.setHgrow(Priority.ALWAYS);
        col.setPercentWidth(50);
        grid.getColumnConstraints().setAll(col, col);
        color.setMaxWidth(Double.MAX_VALUE);
        color.setMinWidth(Region.USE_PREF_SIZE);
        Forms.scrollingBody(dialog, new VBox(10, grid, Forms.error("form-error", errors.general())), 560);

        ButtonType save = new ButtonType(vm.isNew() ? "Add tenant" : "Save", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, save);
        Button saveButton = (Button) dialog.getDialogPane().lookupButton(save);
        saveButton.setId("tenant-save");
        saveButton.disableProperty().bind(vm.busy());
        // Save in the background; close only when the use case accepted the input.
        saveButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.save(saved -> {
                dialog.setResult(saved);
                dialog.close();
            });
        });
        dialog.setResultConverter(b -> null);
        dialog.setOnShown(e -> name.requestFocus());
        return dialog.showAndWait();
    }

    private static Label error(FieldErrors errors, String field) {
        return Forms.error("error-" + field, errors.of(field));
    }

    static String hex(Color c) {
        return String.format(
                "#%02X%02X%02X",
                Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
    }
}
