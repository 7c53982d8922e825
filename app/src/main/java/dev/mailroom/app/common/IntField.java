package dev.mailroom.app.common;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A whole number typed into a form, kept as the text the person typed. What is saved is what was
 * typed: a number inside the allowed range, or nothing and a problem that names the range. Never
 * clamped, never rounded, never replaced by the last good value (a Spinner does all three).
 */
public final class IntField {
    private final StringProperty text = new SimpleStringProperty("");
    private final int min;
    private final int max;
    private final String what;

    /** {@code what}: how the problem names the value ("The daily cap", "The port"). */
    public IntField(int min, int max, String what) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        this.min = min;
        this.max = max;
        this.what = what;
    }

    public StringProperty text() {
        return text;
    }

    public void set(int value) {
        text.set(Integer.toString(value));
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    /** "from 1 to 1,000,000" */
    public String range() {
        return String.format(Locale.ROOT, "from %,d to %,d", min, max);
    }

    /** The typed number when it is one and inside the range. */
    public OptionalInt value() {
        String t = text.get() == null ? "" : text.get().strip();
        // Digits only (an optional minus): "1e3", "0x10", "+5" and "1,000" are not taken as numbers.
        if (t.isEmpty() || t.length() > 11 || !t.matches("-?[0-9]+")) {
            return OptionalInt.empty();
        }
        long v = Long.parseLong(t);
        return v < min || v > max ? OptionalInt.empty() : OptionalInt.of((int) v);
    }

    /** What is wrong with the typed text, naming the allowed range; empty when it is a number in range. */
    public Optional<String> problem() {
        if (value().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(what + " is a whole number " + range() + ".");
    }
}
