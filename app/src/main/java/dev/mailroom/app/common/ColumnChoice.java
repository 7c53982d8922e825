package dev.mailroom.app.common;

import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.model.common.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Which columns of a table show, without a window. Until the person picks, the columns shown are the
 * defaults for the table's width: the required ones, then the others by priority while they fit. Once
 * they pick (a column shown or hidden in the picker), that choice is theirs: kept per user in
 * {@link UiSettings} ({@code columns.<table>.user.<id>}) and used at every width until they ask for the
 * defaults again. Saving writes the file through the runner, off the FX thread.
 */
public final class ColumnChoice {
    /** Shown only when picked: never among the defaults, at any width. */
    public static final int ONLY_WHEN_PICKED = Integer.MAX_VALUE;

    /**
     * A column: {@code width} is the room it takes; {@code priority} orders the defaults (lower first);
     * a {@code required} column always shows and is not in the picker.
     */
    public record Column(String id, String title, double width, int priority, boolean required) {
        public static Column required(String id, String title, double width) {
            return new Column(id, title, width, 0, true);
        }

        public static Column of(String id, String title, double width, int priority) {
            return new Column(id, title, width, priority, false);
        }
    }

    /** Room a vertical scroll bar and the table's borders take from the width given. */
    static final double SLACK = 18;

    private final String table;
    private final List<Column> columns;
    private final UiSettings settings;
    private final UserId user;
    private final BackgroundRunner runner;
    private final Map<String, BooleanProperty> visible = new LinkedHashMap<>();
    private final ReadOnlyBooleanWrapper chosen = new ReadOnlyBooleanWrapper(false);
    private double width = 1000;
    private boolean applying;

    /**
     * @param table a short name for the table, the key it is kept under ("overview", "message-log")
     * @param user the real person at the keyboard (acting as someone else keeps their own choice)
     */
    public ColumnChoice(String table, List<Column> columns, UiSettings settings, UserId user, BackgroundRunner runner) {
        this.table = table;
        this.columns = List.copyOf(columns);
        this.settings = settings;
        this.user = user;
        this.runner = runner;
        for (Column c : this.columns) {
            BooleanProperty p = new SimpleBooleanProperty(true);
            p.addListener((o, was, now) -> picked(c));
            visible.put(c.id(), p);
        }
        Optional<Map<String, Boolean>> saved = settings.get(key()).map(ColumnChoice::decode);
        applying = true;
        try {
            Set<String> defaults = defaultsFor(this.columns, width);
            for (Column c : this.columns) {
                Boolean picked = saved.map(s -> s.get(c.id())).orElse(null);
                visible.get(c.id()).set(c.required() || (picked != null ? picked : defaults.contains(c.id())));
            }
        } finally {
            applying = false;
        }
        chosen.set(saved.isPresent());
    }

    /** The columns shown by default at this width (the table's own width, in pixels). */
    public static Set<String> defaultsFor(List<Column> columns, double width) {
        Set<String> shown = new LinkedHashSet<>();
        double used = SLACK;
        for (Column c : columns) {
            if (c.required()) {
                shown.add(c.id());
                used += c.width();
            }
        }
        List<Column> rest = new ArrayList<>(columns.stream()
                .filter(c -> !c.required() && c.priority() != ONLY_WHEN_PICKED)
                .toList());
        rest.sort(Comparator.comparingInt(Column::priority));
        for (Column c : rest) {
            // A narrower column further down still fills the room a wide one left.
            if (used + c.width() <= width) {
                shown.add(c.id());
                used += c.width();
            }
        }
        return shown;
    }

    public List<Column> columns() {
        return columns;
    }

    /** The columns a person may show or hide, in the table's order. */
    public List<Column> pickable() {
        return columns.stream().filter(c -> !c.required()).toList();
    }

    public BooleanProperty visible(String id) {
        BooleanProperty p = visible.get(id);
        if (p == null) {
            throw new IllegalArgumentException("No column " + id + " in " + table);
        }
        return p;
    }

    /** The ids of the columns shown now, in the table's order. */
    public List<String> shown() {
        return columns.stream()
                .map(Column::id)
                .filter(id -> visible.get(id).get())
                .toList();
    }

    /** Whether the person picked the columns (then the width no longer decides). */
    public ReadOnlyBooleanProperty chosen() {
        return chosen.getReadOnlyProperty();
    }

    /** The table's width changed: until the person picks, the defaults for that width show. */
    public void fitTo(double tableWidth) {
        if (tableWidth <= 0) {
            return; // not laid out yet
        }
        width = tableWidth;
        if (!chosen.get()) {
            applyDefaults();
        }
    }

    /** Forgets the person's choice: the defaults for the table's width show again. */
    public void resetToDefaults() {
        settings.put(key(), null);
        chosen.set(false);
        applyDefaults();
        save();
    }

    private void applyDefaults() {
        Set<String> defaults = defaultsFor(columns, width);
        applying = true;
        try {
            columns.forEach(c -> visible.get(c.id()).set(defaults.contains(c.id())));
        } finally {
            applying = false;
        }
    }

    private void picked(Column c) {
        if (applying) {
            return;
        }
        if (c.required() && !visible.get(c.id()).get()) {
            visible.get(c.id()).set(true); // never hidden: the row would have no name
            return;
        }
        chosen.set(true);
        Map<String, Boolean> choice = new HashMap<>();
        visible.forEach((id, p) -> choice.put(id, p.get()));
        settings.put(key(), encode(columns, choice));
        save();
    }

    private void save() {
        runner.run(Task.of(
                "Saving the columns you chose",
                p -> {
                    settings.saveOrThrow();
                    return null;
                },
                ok -> {}));
    }

    private String key() {
        return "columns." + table + ".user." + user.value();
    }

    /** "volume,dns,-contact": shown ids, and hidden ones with a minus; a column added later gets its default. */
    static String encode(List<Column> columns, Map<String, Boolean> choice) {
        StringBuilder b = new StringBuilder();
        for (Column c : columns) {
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(Boolean.TRUE.equals(choice.get(c.id())) ? "" : "-").append(c.id());
        }
        return b.toString();
    }

    static Map<String, Boolean> decode(String saved) {
        Map<String, Boolean> m = new HashMap<>();
        for (String part : saved.split(",", 200)) {
            String id = part.strip();
            if (id.startsWith("-") && id.length() > 1) {
                m.put(id.substring(1), false);
            } else if (!id.isEmpty() && !id.startsWith("-")) {
                m.put(id, true);
            }
        }
        return m;
    }
}
