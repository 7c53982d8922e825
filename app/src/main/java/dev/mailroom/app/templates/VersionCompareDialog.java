package dev.mailroom.app.templates;

import dev.mailroom.model.templates.DiffRow;
import dev.mailroom.model.templates.SideBySideDiff;
import dev.mailroom.model.templates.TemplateVersion;
import dev.mailroom.model.templates.VersionComparison;
import java.util.Map;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Two versions side by side, one tab per part, changed lines coloured; a ListView keeps large HTML fast. */
final class VersionCompareDialog {
    private VersionCompareDialog() {}

    static void show(Window owner, VersionComparison c) {
        Dialog<Void> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Compare versions");
        d.setHeaderText("Version " + c.left().number() + " (" + describe(c.left()) + ")  ⟷  version "
                + c.right().number() + " (" + describe(c.right()) + ")"
                + (c.identical() ? "\nThe two versions are the same." : ""));
        TabPane tabs = new TabPane();
        tabs.setId("compare-tabs");
        for (Map.Entry<String, SideBySideDiff> part : c.parts().entrySet()) {
            SideBySideDiff diff = part.getValue();
            String changes = diff.hasChanges() ? " •" : "";
            Tab tab = new Tab(part.getKey() + changes, rows(diff));
            tab.setClosable(false);
            tabs.getTabs().add(tab);
        }
        // Open on the first part that changed.
        c.parts().values().stream()
                .filter(SideBySideDiff::hasChanges)
                .findFirst()
                .ifPresent(first -> tabs.getSelectionModel()
                        .select(c.parts().values().stream().toList().indexOf(first)));
        VBox content = new VBox(tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        content.setPrefSize(980, 560);
        d.getDialogPane().setContent(content);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        d.setResizable(true);
        d.show();
    }

    private static String describe(TemplateVersion v) {
        return v.authorName() + ", " + TemplateEditor.WHEN.format(v.at());
    }

    private static ListView<DiffRow> rows(SideBySideDiff diff) {
        ListView<DiffRow> list = new ListView<>();
        list.getItems().setAll(diff.rows());
        list.getStyleClass().add("diff-list");
        list.setCellFactory(l -> new ListCell<>() {
            private final Label leftNo = number();
            private final Label left = line();
            private final Label rightNo = number();
            private final Label right = line();
            private final GridPane grid = new GridPane();

            {
                ColumnConstraints no = new ColumnConstraints(44);
                ColumnConstraints text = new ColumnConstraints();
                text.setPercentWidth(47);
                grid.getColumnConstraints().setAll(no, text, no, text);
                grid.addRow(0, leftNo, left, rightNo, right);
            }

            @Override
            protected void updateItem(DiffRow r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeIf(s -> s.startsWith("diff-"));
                if (empty || r == null) {
                    setGraphic(null);
                    return;
                }
                leftNo.setText(r.leftNumber() == 0 ? "" : Integer.toString(r.leftNumber()));
                rightNo.setText(r.rightNumber() == 0 ? "" : Integer.toString(r.rightNumber()));
                left.setText(r.left());
                right.setText(r.right());
                getStyleClass().add("diff-" + r.kind().name().toLowerCase(java.util.Locale.ROOT));
                setGraphic(grid);
            }
        });
        return list;
    }

    private static Label number() {
        Label l = new Label();
        l.getStyleClass().addAll("diff-number", "text-muted");
        return l;
    }

    private static Label line() {
        Label l = new Label();
        l.getStyleClass().add("diff-text");
        return l;
    }
}
