package dev.mailroom.model.templates;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything a render needs. {@code data} is a JSON object (the sample data in the editor, a
 * recipient's variables when sending); {@code brand} is the tenant's current kit, or empty when the
 * template does not use one or the tenant has none.
 */
public record RenderRequest(TemplateContent content, String data, Optional<BrandKit> brand, RenderTarget target) {
    public RenderRequest {
        Objects.requireNonNull(content, "content");
        data = data == null || data.isBlank() ? "{}" : data;
        Objects.requireNonNull(brand, "brand");
        Objects.requireNonNull(target, "target");
    }

    /** A preview of the content with its own sample data. */
    public static RenderRequest preview(TemplateContent content, Optional<BrandKit> brand) {
        return new RenderRequest(content, content.sampleData(), brand, RenderTarget.PREVIEW);
    }
}
