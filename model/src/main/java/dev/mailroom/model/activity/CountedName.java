package dev.mailroom.model.activity;

import java.util.Objects;

/** A name with how often it occurred: a recipient domain's bounces, a deferral reason's deferrals. */
public record CountedName(String name, long count) {
    public CountedName {
        Objects.requireNonNull(name, "name");
    }
}
