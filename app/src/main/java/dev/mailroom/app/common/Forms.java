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
}
