package dev.mailroom.app.templates;

import dev.mailroom.model.templates.BusinessKind;
import dev.mailroom.model.templates.StarterTemplate;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "New from starter…": the starter library grouped by kind of business, plus a blank template, and
 * the name the copy gets. The copy draws on the client's brand kit from then on.
 */
final class StarterDialog {
    /** What was chosen: a starter, or empty for a blank template. */
    record Choice(Optional<StarterTemplate> starter, String name) {}

    private static final String BLANK = "Blank template";

    private StarterDialog() {}

    static Optional<Choice> show(Window owner, List<StarterTemplate> starters) {
        Dialog<Choice> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("New template");
        d.setHeaderText("Start from a starter template. It takes this client's logo, colours, fonts and footer.");

        TreeItem<Object> rootItem = new TreeItem<>("Starters");
        rootItem.getChildren().add(new TreeItem<>(BLANK));
        for (BusinessKind kind : BusinessKind.values()) {
            TreeItem<Object> group = new TreeItem<>(kind);
            group.setExpanded(true);
            starters.stream()
                    .filter(s -> s.business() == kind)
                    .forEach(s -> group.getChildren().add(new TreeItem<>(s)));
            if (!group.getChildren().isEmpty()) {
                rootItem.getChildren().add(group);
            }
        }
        TreeView<Object> tree = new TreeView<>(rootItem);
        tree.setId("starter-tree");
        tree.setShowRoot(false);
        tree.setPrefSize(300, 460);
        tree.setCellFactory(t -> new TreeCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("starter-group");
                if (empty || item == null) {
                    setText(null);
                } else if (item instanceof BusinessKind k) {
                    setText(k.label());
                    getStyleClass().add("starter-group");
                } else if (item instanceof StarterTemplate s) {
                    setText(s.name());
                } else {
                    setText(item.toString());
                }
            }
        });

        Label title = new Label("Choose a starter on the left.");
        title.getStyleClass().add("title-4");
        Label description = new Label();
        description.setWrapText(true);
        Label subject = new Label();
        subject.getStyleClass().add("text-muted");
        subject.setWrapText(true);
        TextField name = new TextField();
        name.setId("starter-name");
        name.setPromptText("Name of the new template");
        Label nameLabel = new Label("_Name");
        nameLabel.setMnemonicParsing(true);
        nameLabel.setLabelFor(name);
        nameLabel.getStyleClass().add("field-label");
        VBox side = new VBox(10, title, description, subject, nameLabel, name);
        side.setPrefWidth(360);
        side.setPadding(new Insets(0, 0, 0, 12));

        tree.getSelectionModel().selectedItemProperty().addListener((o, was, item) -> {
            Object v = item == null ? null : item.getValue();
            if (v instanceof StarterTemplate s) {
                title.setText(s.name() + " · " + s.business().label());
                description.setText(s.description());
                subject.setText("Subject: " + s.content().subject());
                name.setText(s.name());
            } else if (BLANK.equals(v)) {
                title.setText(BLANK);
                description.setText("An empty layout that uses the brand kit's colours, fonts and footer.");
                subject.setText("");
                name.setText("New template");
            }
        });
        HBox content = new HBox(tree, side);
        HBox.setHgrow(side, Priority.ALWAYS);
        d.getDialogPane().setContent(content);

        ButtonType use = new ButtonType("Use in this client", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, use);
        d.getDialogPane().lookupButton(use).setId("starter-use");
        d.getDialogPane()
                .lookupButton(use)
                .disableProperty()
                .bind(tree.getSelectionModel()
                        .selectedItemProperty()
                        .isNull()
                        .or(name.textProperty().isEmpty()));
        d.setResultConverter(b -> {
            if (b != use || tree.getSelectionModel().getSelectedItem() == null) {
                return null;
            }
            Object v = tree.getSelectionModel().getSelectedItem().getValue();
            if (v instanceof BusinessKind) {
                return null;
            }
            return new Choice(
                    v instanceof StarterTemplate s ? Optional.of(s) : Optional.empty(),
                    name.getText().strip());
        });
        return d.showAndWait();
    }
}
