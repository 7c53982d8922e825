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
}
