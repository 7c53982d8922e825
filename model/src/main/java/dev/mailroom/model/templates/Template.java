package dev.mailroom.model.templates;

import java.time.Instant;
import java.util.Optional;

/**
 * A saved template: its current content and the number of its newest version. {@code origin} says
 * where it came from when it was copied ("Starter: Order confirmation (E-commerce)", "Agency library:
 * Welcome", "Imported from Acme").
 */
public record Template(
        TemplateId id,
        TemplateOwner owner,
        String name,
        TemplateKind kind,
        TemplateContent content,
        int version,
        Instant createdAt,
        Instant updatedAt,
        String updatedBy,
        Optional<String> origin) {

    public TemplateDraft toDraft() {
        return new TemplateDraft(name, kind, content);
    }
}
