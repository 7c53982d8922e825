package dev.mailroom.model.templates;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Templates exported from one tenant (or the agency library) to be imported elsewhere. The source's
 * brand kit travels along, logo included, so the importing side can see what the templates expected;
 * brand references still resolve against the importing tenant's own kit.
 */
public record TemplateBundle(
        int formatVersion,
        Instant exportedAt,
        String source,
        String exportedBy,
        List<Item> templates,
        Optional<BrandKit> sourceBrandKit) {

    /** The bundle format this Mailroom writes and the newest it reads. */
    public static final int CURRENT_FORMAT = 1;

    public TemplateBundle {
        Objects.requireNonNull(exportedAt, "exportedAt");
        templates = List.copyOf(templates);
        Objects.requireNonNull(sourceBrandKit, "sourceBrandKit");
    }

    /** One template in a bundle. */
    public record Item(String name, TemplateKind kind, TemplateContent content) {
        public TemplateDraft toDraft() {
            return new TemplateDraft(name, kind, content);
        }
    }
}
