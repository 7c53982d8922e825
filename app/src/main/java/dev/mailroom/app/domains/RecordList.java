package dev.mailroom.app.domains;

import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.Icons;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The records of a domain as a grid: record and type, the name, the expected value with a copy button,
 * the status chip, and below the value what was found when it differs (or why nothing could be said).
 * Used by the Domains detail and the wizard's Records step.
 */
final class RecordList {
    /** Long values (DKIM keys) are shortened on screen; the copy button and tooltip hold the whole value. */
    private static final int SHOWN_CHARS = 140;

    private RecordList() {}

    static GridPane of(List<RecordRow> rows, Instant now) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("record-list");
        grid.setHgap(12);
        grid.setVgap(6);
        ColumnConstraints kind = new ColumnConstraints(90, 100, 120);
        ColumnConstraints host = new ColumnConstraints(140, 220, 300);
        ColumnConstraints value = new ColumnConstraints(200, 400, Double.MAX_VALUE);
        value.setHgrow(Priority.ALWAYS);
        ColumnConstraints status = new ColumnConstraints(110);
        status.setHalignment(HPos.LEFT);
        grid.getColumnConstraints().setAll(kind, host, value, status);
        grid.addRow(0, header("Record"), header("Name"), header("Expected value"), header("Status"));
        Map<String, Integer> seen = new HashMap<>();
        int row = 1;
        for (RecordRow r : rows) {
            String key = r.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
            int n = seen.merge(key, 1, Integer::sum);
            String id = n == 1 ? key : key + "-" + n;

            Label kindLabel = new Label(r.kind().label() + "\n" + r.type().name());
            kindLabel.getStyleClass().add("record-kind");
            kindLabel.setTooltip(new Tooltip(r.kind().purpose()));
            Label hostLabel = new Label(r.host());
            hostLabel.setId("record-host-" + id);
            hostLabel.getStyleClass().add("mono");
            hostLabel.setWrapText(true);
            hostLabel.setTooltip(new Tooltip(r.host()));

            Label expected = new Label(shorten(r.expected()));
            expected.setId("record-expected-" + id);
            expected.getStyleClass().add("mono");
            expected.setWrapText(true);
            expected.setTooltip(new Tooltip(r.expected()));
            Button copy = new Button(null, Icons.copy());
            copy.setId("copy-" + id);
            copy.getStyleClass().addAll("flat", "button-icon", "small");
            copy.setTooltip(new Tooltip("Copy the value"));
            copy.setOnAction(e -> copy(r.expected()));
            HBox valueLine = new HBox(6, expected, copy);
            HBox.setHgrow(expected, Priority.ALWAYS);
            VBox valueBox = new VBox(3, valueLine);
            if (r.showsFound()) {
                Label found = new Label("Found: " + shorten(String.join("  |  ", r.found())));
                found.setId("record-found-" + id);
                found.getStyleClass().addAll("mono", "record-found");
                found.setWrapText(true);
                found.setTooltip(new Tooltip(String.join("\n", r.found())));
                valueBox.getChildren().add(found);
            }
            boolean explain = r.status()
                    .map(s -> s != dev.mailroom.model.domains.CheckStatus.FOUND)
                    .orElse(false);
            if (explain && !r.message().isBlank()) {
                Label why = new Label(r.message());
                why.setId("record-message-" + id);
                why.getStyleClass().addAll("text-muted", "record-message");
                why.setWrapText(true);
                valueBox.getChildren().add(why);
            }
            for (String note : r.notes()) {
                Label l = new Label(note);
                l.getStyleClass().addAll("text-muted", "record-message");
                l.setWrapText(true);
                valueBox.getChildren().add(l);
            }
            Chip chip = StatusChips.of(r.status());
            chip.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            chip.setId("record-status-" + id);
            r.checkedAt()
                    .ifPresent(at -> chip.setTooltip(
                            new Tooltip("Checked " + Formats.ago(at, now) + " (" + Formats.exact(at) + ")")));
            grid.addRow(row, kindLabel, hostLabel, valueBox, chip);
            for (Node c : List.of(kindLabel, hostLabel, valueBox, chip)) {
                GridPane.setValignment(c, VPos.TOP);
            }
            row++;
        }
        return grid;
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("record-header");
        return l;
    }

    static String shorten(String s) {
        return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS - 1) + "…";
    }

    static void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }
}
