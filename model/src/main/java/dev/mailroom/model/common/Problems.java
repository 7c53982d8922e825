package dev.mailroom.model.common;

import java.util.LinkedHashMap;
import java.util.Map;

/** Collects field problems while validating a form, then throws them together. */
public final class Problems {
    private final Map<String, String> problems = new LinkedHashMap<>();

    public Problems add(String field, String message) {
        problems.putIfAbsent(field, message);
        return this;
    }

    public Problems check(boolean ok, String field, String message) {
        return ok ? this : add(field, message);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
    }
}
