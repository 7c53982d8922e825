package dev.mailroom.model.templates;

import dev.mailroom.model.common.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * One saved state of a template. Every save adds one; versions are never changed. {@code note} tells
 * how the version came about when it was not a plain save ("Created", "Restored from version 3").
 */
public record TemplateVersion(
        TemplateId template,
        int number,
        String name,
        TemplateKind kind,
        TemplateContent content,
        Optional<UserId> authorId,
        String authorName,
        Instant at,
        String note) {

    public TemplateDraft toDraft() {
        return new TemplateDraft(name, kind, content);
    }
}
