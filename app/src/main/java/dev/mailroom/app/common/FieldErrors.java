package dev.mailroom.app.common;

import dev.mailroom.model.common.InvalidInput;
import java.util.Map;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * A form's problems as data a view model owns and a view binds to: one message per field name (the
 * names {@link InvalidInput#problems()} uses) and one for the whole form. No controls: a view shows
 * each message next to its field with {@link Forms#error(javafx.beans.value.ObservableStringValue)}.
 */
public final class FieldErrors {
    private final ObservableMap<String, String> byField = FXCollections.observableHashMap();
    private final StringProperty general = new SimpleStringProperty("");
    private final Set<String> fields;

    /** {@code fields}: the names this form shows next to a field; problems of other names go to the general line. */
    public FieldErrors(Set<String> fields) {
        this.fields = Set.copyOf(fields);
    }

    /** The message of one field, "" when it has none. */
    public StringBinding of(String field) {
        return Bindings.createStringBinding(() -> byField.getOrDefault(field, ""), byField);
    }

    /** The message for the form as a whole (an unexpected failure, a problem of no field shown here). */
    public ReadOnlyStringProperty general() {
        return general;
    }

    public String get(String field) {
        return byField.getOrDefault(field, "");
    }

    public ObservableMap<String, String> asMap() {
        return FXCollections.unmodifiableObservableMap(byField);
    }

    public boolean isEmpty() {
        return byField.isEmpty() && general.get().isEmpty();
    }

    public void clear() {
        byField.clear();
        general.set("");
    }

    /** Replaces the field problems with these (a validation as the person types), keeping the general line. */
    public void setAll(Map<String, String> problems) {
        byField.keySet().retainAll(problems.keySet());
        problems.forEach(this::put);
    }

    private void put(String field, String message) {
        if (fields.contains(field)) {
            byField.put(field, message);
        } else {
            general.set(message);
        }
    }

    /** Shows a use case's failure: field problems next to their fields, anything else in the general line. */
    public void show(Throwable error) {
        clear();
        if (error instanceof InvalidInput invalid) {
            invalid.problems().forEach(this::put);
        } else {
            general.set(Dialogs.messageFor(error));
        }
    }
}
