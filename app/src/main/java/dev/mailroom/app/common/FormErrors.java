package dev.mailroom.app.common;

import dev.mailroom.model.common.InvalidInput;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;

/**
 * Shows a use case's field problems next to the fields they belong to. A form registers one error
 * label per field name (the names {@link InvalidInput#problems()} uses) and one for everything else.
 */
public final class FormErrors {
    private final Map<String, Label> labels = new LinkedHashMap<>();
    private final Label general = errorLabel("form-error");

    public Label labelFor(String field) {
        return labels.computeIfAbsent(field, f -> errorLabel("error-" + f));
    }

    public Label general() {
        return general;
    }

    public void clear() {
        labels.values().forEach(FormErrors::hide);
        hide(general);
    }

    /** Shows the error; returns true when it was a field problem shown inline. */
    public boolean show(Throwable error) {
        clear();
        if (error instanceof InvalidInput invalid) {
            invalid.problems().forEach((field, message) -> {
                Label l = labels.get(field);
                if (l != null) {
                    show(l, message);
                } else {
                    show(general, message);
                }
            });
            return true;
        }
        show(general, Dialogs.messageFor(error));
        return error instanceof dev.mailroom.model.common.MailroomException;
    }

    /**
     * Two fields that must be the same (a password typed twice): once an attempt has said they differ, the
     * message follows what is typed, going as soon as they match and back when they differ again.
     */
    public void recheckSame(
            javafx.beans.value.ObservableStringValue first,
            javafx.beans.value.ObservableStringValue second,
            String field,
            String message) {
        boolean[] armed = {false};
        Label l = labelFor(field);
        l.visibleProperty().addListener((o, was, now) -> {
            if (now) {
                armed[0] = true;
            }
        });
        javafx.beans.InvalidationListener check = o -> {
            if (!armed[0]) {
                return;
            }
            if (java.util.Objects.equals(first.get(), second.get())) {
                hide(l);
            } else {
                show(l, message);
            }
        };
        first.addListener(check);
        second.addListener(check);
    }

    private static Label errorLabel(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("field-error");
        l.setWrapText(true);
        // A long message wraps onto more lines instead of being cut off with an ellipsis.
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        hide(l);
        return l;
    }

    private static void show(Label l, String message) {
        l.setText(message);
        setShown(l, true);
    }

    private static void hide(Label l) {
        l.setText("");
        setShown(l, false);
    }

    private static void setShown(Node n, boolean shown) {
        n.setVisible(shown);
        n.setManaged(shown);
    }
}
