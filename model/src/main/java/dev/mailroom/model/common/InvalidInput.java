package dev.mailroom.model.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input a person typed is not acceptable. {@link #problems()} maps a field name to the message to
 * show next to that field, so forms can mark each field inline.
 */
public final class InvalidInput extends MailroomException {
    private final Map<String, String> problems;

    public InvalidInput(Map<String, String> problems) {
        super(String.join(" ", problems.values()));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidInput needs at least one problem");
        }
        this.problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
    }

    public InvalidInput(String field, String message) {
        this(Map.of(field, message));
    }

    public Map<String, String> problems() {
        return problems;
    }
}
