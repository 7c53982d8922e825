package dev.mailroom.model.templates;

import java.util.Objects;

/**
 * Something that kept a part of the template from rendering as written: a Handlebars syntax error, a
 * sample-data JSON error, an unknown helper, CSS that could not be read. {@code line} and
 * {@code column} (both from 1) point into that part's source; 0 when there is no position.
 * {@code evidence} is the offending source line with a caret under the column, when known.
 */
public record RenderProblem(Part part, String message, int line, int column, String evidence) {
    public enum Part {
        SUBJECT("Subject"),
        HTML("HTML"),
        TEXT("Plain text"),
        DATA("Sample data"),
        CSS("CSS");

        private final String label;

        Part(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public RenderProblem {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(message, "message");
        evidence = evidence == null ? "" : evidence;
    }

    public static RenderProblem at(Part part, String message, int line, int column) {
        return new RenderProblem(part, message, line, column, "");
    }

    public static RenderProblem of(Part part, String message) {
        return new RenderProblem(part, message, 0, 0, "");
    }

    public boolean hasPosition() {
        return line > 0;
    }

    /** "HTML, line 3, column 5: …" */
    public String describe() {
        return part.label() + (hasPosition() ? ", line " + line + ", column " + column : "") + ": " + message;
    }
}
