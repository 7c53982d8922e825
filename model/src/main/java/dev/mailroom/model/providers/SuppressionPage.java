package dev.mailroom.model.providers;

import java.util.List;
import java.util.Objects;

/** One page of a provider's suppression lists; {@code nextCursor} continues them while {@code more}. */
public record SuppressionPage(List<ProviderSuppression> entries, int skipped, String nextCursor, boolean more) {
    public SuppressionPage {
        entries = List.copyOf(entries);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
