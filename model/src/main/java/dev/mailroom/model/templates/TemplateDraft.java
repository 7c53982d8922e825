package dev.mailroom.model.templates;

import dev.mailroom.model.common.Problems;
import dev.mailroom.model.common.Text;
import java.util.Objects;

/** A template as a form: its name, kind and content. */
public record TemplateDraft(String name, TemplateKind kind, TemplateContent content) {
    public static final int MAX_NAME_CHARS = 120;

    public TemplateDraft {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
    }

    /** Trimmed and checked; throws {@link dev.mailroom.model.common.InvalidInput} with a message per field. */
    public TemplateDraft validated() {
        String n = Text.trimmed(name).replaceAll("\\s+", " ");
        Problems p = new Problems()
                .check(!n.isEmpty(), "name", "Give the template a name.")
                .check(n.length() <= MAX_NAME_CHARS, "name", "Keep the name under " + MAX_NAME_CHARS + " characters.");
        content.check(p);
        p.throwIfAny();
        return new TemplateDraft(n, kind, content);
    }

    public TemplateDraft withName(String newName) {
        return new TemplateDraft(newName, kind, content);
    }
}
