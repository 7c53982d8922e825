package dev.mailroom.model.common;

/** Identifies a console user. */
public record UserId(long value) {
    @Override
    public String toString() {
        return "user#" + value;
    }
}
