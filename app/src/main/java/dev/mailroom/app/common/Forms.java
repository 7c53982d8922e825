package dev.mailroom.app.common;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** Builds the pieces every form shares: a labelled field with its error line, and a centred card. */
public final class Forms {
    private Forms() {}

    /** A label above the field (mnemonic-linked), the field, and the field's error line below. */
    public static VBox field(String label, Node field, Label error) {
        Label l = new Label(label);
        l.setMnemonicParsing(true);
        l.setLabelFor(field);
        l.getStyleClass().add("field-label");
        VBox box = new VBox(4, l, field, error);
        box.getStyleClass().add("form-field");
        return box;
    }

    /** A card centred on the window, for the first-run and sign-in screens. */
    public static StackPane centredCard(Node... children) {
        VBox card = new VBox(14, children);
        card.getStyleClass().add("card-form");
        card.setMaxWidth(440);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        card.setPadding(new Insets(28, 32, 28, 32));
        StackPane pane = new StackPane(card);
        pane.getStyleClass().add("welcome-background");
        StackPane.setAlignment(card, Pos.CENTER);
        return pane;
    }

    /**
     * A label showing an error message held by a view model: shown (and taking room) only while the
     * message is not empty; a long message wraps instead of being cut.
     */
    public static Label error(javafx.beans.value.ObservableStringValue message) {
        Label l = new Label();
        l.getStyleClass().add("field-error");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.textProperty().bind(message);
        l.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(message));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** As {@link #error}, with an id for tests ({@code error-<field>}). */
    public static Label error(String id, javafx.beans.value.ObservableStringValue message) {
        Label l = error(message);
        l.setId(id);
        return l;
    }

    /**
     * A dialog's body that scrolls when it must, above the dialog's fixed button bar: the body keeps its
     * width, grows as messages appear (the window is resized to fit, up to the screen), and scrolls beyond
     * that, so the buttons never leave the window.
     */
    public static void scrollingBody(javafx.scene.control.Dialog<?> dialog, javafx.scene.Node body, double width) {
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setPrefViewportWidth(width);
        var pane = dialog.getDialogPane();
        pane.setContent(scroll);
        pane.setPrefWidth(width + 48);
        if (body instanceof Region r) {
            // The viewport follows the body's height; the window follows the pane, up to the screen's height.
            Runnable fit = () -> {
                double wanted = r.prefHeight(width);
                scroll.setPrefViewportHeight(wanted);
                javafx.stage.Window w =
                        pane.getScene() == null ? null : pane.getScene().getWindow();
                if (w != null && w.isShowing()) {
                    double max = javafx.stage.Screen.getScreensForRectangle(w.getX(), w.getY(), 1, 1).stream()
                            .findFirst()
                            .orElse(javafx.stage.Screen.getPrimary())
                            .getVisualBounds()
                            .getHeight();
                    double paneHeight = Math.min(pane.prefHeight(pane.getWidth()), max - 40);
                    double frame = w.getHeight() - pane.getHeight();
                    if (Math.abs(w.getHeight() - (paneHeight + frame)) > 1) {
                        w.setHeight(Math.min(paneHeight + frame, max));
                    }
                }
            };
            // The body's height changes when an error line appears or goes (the scroll pane lays it out at its
            // preferred height).
            r.heightProperty().addListener(o -> javafx.application.Platform.runLater(fit));
        }
    }
}
