package dev.mailroom.model.templates;

/**
 * One row of a side-by-side comparison. A line number is 0 where that side has no line (an added
 * line has no left side, a removed one no right side).
 */
public record DiffRow(Kind kind, int leftNumber, String left, int rightNumber, String right) {
    public enum Kind {
        SAME,
        CHANGED,
        ADDED,
        REMOVED
    }
}
